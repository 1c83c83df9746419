package dev.kairos.sense;

import dev.kairos.event.Secrets;
import dev.kairos.process.Command;
import dev.kairos.process.Git;
import dev.kairos.process.ProcessRunner;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a repository's test command against one commit, in a detached worktree of its own, so the user's working
 * copy is never touched. The worktree is removed afterwards; the command is killed (with its children) on time-out.
 */
final class TestRun {
    static final int OUTPUT_CAP = 64 * 1024;
    private static final Duration GIT_TIMEOUT = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(TestRun.class);

    record Result(Path repo, String sha, String command, int exitCode, boolean timedOut, long durationMs,
            String outputTail) {
        boolean passed() {
            return exitCode == 0 && !timedOut;
        }
    }

    private final Path worktreesDir;
    private final Duration timeout;
    private final ProcessRunner runner;
    private final Git git;

    TestRun(Path worktreesDir, Duration timeout, ProcessRunner runner) {
        this.worktreesDir = worktreesDir;
        this.timeout = timeout;
        this.runner = runner;
        this.git = new Git(runner);
    }

    /** Never throws: a run that cannot start is a result with exit code -1 and the reason as its output. */
    Result run(Path repo, String sha, String command) {
        Path dir = worktreesDir.resolve("tests-" + Digest.hex(repo + "@" + sha, 12));
        long started = System.nanoTime();
        try {
            Files.createDirectories(worktreesDir);
            remove(repo, dir);
            dev.kairos.process.Result add = git.run(repo, GIT_TIMEOUT, "worktree", "add", "--detach", dir.toString(),
                    sha);
            if (!add.ok()) {
                return new Result(repo, sha, command, -1, false, millisSince(started),
                        "kairos could not check out " + sha + " to test it: " + add.text().strip());
            }
            return execute(repo, sha, command, dir, started);
        } catch (IOException e) {
            return new Result(repo, sha, command, -1, false, millisSince(started),
                    "kairos could not run the tests: " + e.getMessage());
        } finally {
            remove(repo, dir);
        }
    }

    private Result execute(Path repo, String sha, String command, Path dir, long started) {
        dev.kairos.process.Result r = runner.run(Command.in(dir, "bash", "-c", command).withTimeout(timeout)
                .withOutputCap(OUTPUT_CAP));
        String output = Secrets.redact(r.text());
        return switch (r.ending()) {
            case EXITED -> new Result(repo, sha, command, r.exitCode(), false, millisSince(started), output);
            case TIMED_OUT -> new Result(repo, sha, command, r.exitCode(), true, millisSince(started),
                    output + "\n[kairos: killed after " + timeout.toSeconds() + " s]");
            case NOT_STARTED -> new Result(repo, sha, command, -1, false, millisSince(started),
                    "kairos could not run the tests: " + output);
            case INTERRUPTED -> new Result(repo, sha, command, -1, false, millisSince(started), "interrupted");
        };
    }

    /** Removes the worktree and git's record of it; tolerates one half-made or left behind by a crash. */
    private void remove(Path repo, Path dir) {
        if (Files.exists(dir)) {
            if (!git.run(repo, GIT_TIMEOUT, "worktree", "remove", "--force", "--force", dir.toString()).ok()) {
                deleteTree(dir);
            }
        }
        git.run(repo, GIT_TIMEOUT, "worktree", "prune");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            log.warn("cannot remove test worktree dir={} reason={}", dir, e.getMessage());
        }
    }

    private static long millisSince(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
