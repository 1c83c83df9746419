package dev.kairos.cli;

import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.config.Config;
import dev.kairos.config.ConfigReader;
import dev.kairos.config.Workspace;
import dev.kairos.web.WebServer;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * Loads the classes the everyday commands and `up` need, once, in a throw-away workspace; the launcher runs it
 * after a build with {@code -XX:ArchiveClassesAtExit}, so later starts map those classes from a CDS archive instead
 * of loading and verifying them from the jars. Hidden: it is not for people.
 */
@Command(name = "warm-up", hidden = true, description = "Load the classes of the everyday commands (for the CDS archive).")
final class WarmUpCommand implements Callable<Integer> {
    @ParentCommand KairosCommand parent;

    @Override
    public Integer call() throws Exception {
        Cli cli = parent.cli;
        Workspace ws = cli.workspace();
        ws.init();
        Config config = ConfigReader.read(ws.home(), cli.env());
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        CommandLine help = KairosCommand.commandLine(new Cli(cli.env(), nowhere, nowhere, cli.clock()));
        help.usage(nowhere);
        help.getSubcommands().values().forEach(c -> c.usage(nowhere));
        try (Kairos k = Kairos.open(config, cli.env(), cli.clock(), Kairos.Mode.ONE_BEAT)) {
            Json.write(k.status());
            Json.write(TickReport.of(k.heartbeat().beat()));
            try (WebServer web = WebServer.start(0, k::status, () -> "{}", new WebServer.Chat(java.util.Optional::empty,
                    k.store().jdbi(), k.ledger(), java.util.Optional.empty()))) {
                var c = (java.net.HttpURLConnection) URI.create("http://127.0.0.1:" + web.port() + "/api/status")
                        .toURL().openConnection(java.net.Proxy.NO_PROXY);
                try (var in = c.getInputStream()) {
                    Json.MAPPER.readValue(in.readAllBytes(), dev.kairos.Status.class);
                }
            }
        }
        return 0;
    }
}
