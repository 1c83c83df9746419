package dev.kairos.cli;

import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.sense.Watch;
import dev.kairos.sense.Watches;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "watch", description = {"Follow a local repository or folder: its commits, branch moves, long-"
        + "uncommitted work and file changes.", "With --test, the command runs on each new commit in a separate "
        + "worktree and a failure becomes a fix task. Watching again replaces the test command.",
        "A running agent picks the change up at its next beat."})
final class WatchCommand implements Callable<Integer> {
    @ParentCommand KairosCommand parent;

    @Parameters(paramLabel = "PATH", description = "A git repository or a folder.")
    Path path;

    @Option(names = "--test", paramLabel = "CMD", description = "A test command run with bash in the repository, "
            + "e.g. \"mvn -q test\" (time limit: sensors.testTimeout).")
    String test;

    @Option(names = "--json", description = "Print {path, git, test}.")
    boolean json;

    @Override
    public Integer call() {
        Cli cli = parent.cli;
        try (Kairos k = Kairos.open(cli.config(), cli.env(), cli.clock())) {
            Watch w;
            try {
                w = k.watches().add(path.toAbsolutePath(), test, cli.clock().instant());
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage() + "; give an existing folder or repository");
            }
            boolean git = Watches.isGitRepo(w.path());
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("path", w.path().toString());
                out.put("git", git);
                out.put("test", w.testCommand().orElse(null));
                cli.out().println(Json.write(out));
                return 0;
            }
            cli.out().println("Watching " + w.path() + (git ? " (git repository)" : " (folder)")
                    + w.testCommand().map(t -> ", tests: " + t).orElse(""));
            if (!git && w.testCommand().isPresent()) {
                cli.err().println("kairos: " + w.path() + " is not a git repository: its test command runs only on "
                        + "new commits, so it will not run here");
            }
            return 0;
        }
    }
}
