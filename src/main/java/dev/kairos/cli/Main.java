package dev.kairos.cli;

import java.io.PrintStream;
import java.time.InstantSource;
import java.util.Map;

/** Entry point of the `kairos` command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err, InstantSource.system()));
    }

    /** Runs one command in this process; tests call this with their own environment, streams and clock. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err,
            InstantSource clock) {
        Cli cli = new Cli(env, out, err, clock);
        OperatorLog.forCommand(cli.workspace().logsDir());
        try {
            return KairosCommand.commandLine(cli).execute(args);
        } finally {
            OperatorLog.reset();
        }
    }
}
