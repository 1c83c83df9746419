package dev.kairos.sense;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The {@code git} program, for what JGit does not do: worktrees. Hooks are switched off. */
final class GitCommand {
    private static final long TIMEOUT_MINUTES = 5;

    private GitCommand() {}

    record Outcome(int exitCode, String output) {
        boolean ok() {
            return exitCode == 0;
        }
    }

    static Outcome run(Path repo, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString(), "-c", "core.hooksPath=/dev/null"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("GIT_TERMINAL_PROMPT", "0");
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            OutputTail output = new OutputTail(16 * 1024);
            Thread reader = Thread.ofPlatform().daemon().name("kairos-git-output")
                    .start(() -> output.drain(process.getInputStream()));
            if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                return new Outcome(-1, "git " + String.join(" ", args) + " took longer than " + TIMEOUT_MINUTES
                        + " minutes");
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            return new Outcome(process.exitValue(), output.text().strip());
        } catch (IOException e) {
            return new Outcome(-1, "cannot run git: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, "interrupted");
        }
    }
}
