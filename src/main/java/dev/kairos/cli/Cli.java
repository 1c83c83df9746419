package dev.kairos.cli;

import dev.kairos.config.Config;
import dev.kairos.config.ConfigReader;
import dev.kairos.config.Workspace;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

/** What every command gets from outside: environment, output streams and the clock. */
record Cli(Map<String, String> env, PrintStream out, PrintStream err, InstantSource clock) {

    Path home() {
        return Workspace.resolveHome(env);
    }

    Workspace workspace() {
        return new Workspace(home());
    }

    /** The config of an existing workspace; a user error when there is none. */
    Config config() {
        if (!workspace().initialised()) {
            throw new UserError("no Kairos workspace at " + home() + "; run './kairos init' (or './kairos up', "
                    + "which creates it) or set KAIROS_HOME");
        }
        return ConfigReader.read(home(), env);
    }
}
