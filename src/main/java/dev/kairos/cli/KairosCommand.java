package dev.kairos.cli;

import dev.kairos.config.ConfigError;
import dev.kairos.store.StoreException;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "kairos", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        version = "kairos 0.1.0",
        description = {"An always-on agent beside your code and messages. An idle heartbeat costs zero tokens.", "",
                "Workspace: KAIROS_HOME (default ~/.kairos). Model: KAIROS_MODEL=provider/model."},
        subcommands = {InitCommand.class, UpCommand.class, WatchCommand.class, StatusCommand.class, TickCommand.class,
                ChatCommand.class, ApprovalsCommand.class, MemoryCommand.class, DreamCommand.class,
                CostsCommand.class, PairCommand.class, BenchCommand.class, WarmUpCommand.class, NotifyCommand.class,
                GitHubCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Run './kairos up' to start the agent, './kairos COMMAND --help' for a command's options."})
final class KairosCommand implements Runnable {
    final Cli cli;

    KairosCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public void run() {
        new CommandLine(this).usage(cli.out());
    }

    static CommandLine commandLine(Cli cli) {
        CommandLine cmd = new CommandLine(new KairosCommand(cli));
        cmd.setOut(new java.io.PrintWriter(cli.out(), true));
        cmd.setErr(new java.io.PrintWriter(cli.err(), true));
        cmd.setExecutionExceptionHandler((ex, command, parseResult) -> {
            if (ex instanceof UserError || ex instanceof ConfigError || ex instanceof StoreException
                    || ex instanceof dev.kairos.model.ModelException || ex instanceof UncheckedIOException
                    || ex instanceof dev.kairos.web.WebServer.PortInUse) {
                cli.err().println("kairos: " + dev.kairos.event.Printable.of(ex.getMessage()));
                return 1;
            }
            var store = StoreException.explain(cli.workspace().stateDb(), ex); // damaged, or not ours to write
            if (store.isPresent()) {
                cli.err().println("kairos: " + store.get().getMessage());
                return 1;
            }
            throw ex;
        });
        return cmd;
    }
}
