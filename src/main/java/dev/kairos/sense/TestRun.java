package dev.kairos.sense;

import dev.kairos.event.Secrets;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a repository's test command against one commit, in a detached worktree of its own, so the user's working
 * copy is never touched. The worktree is removed afterwards; the command is killed (with its children) on time-out.
 */
final class TestRun {
    static final int OUTPUT_TAIL_BYTES = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(TestRun.class);
    /** Kairos's own credentials: a test suite has no need of them, and its output goes to the model. */
    private static final Set<String> SECRETS = Set.of("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "GITHUB_TOKEN",
            "GITHUB_WEBHOOK_SECRET");

    record Result(Path repo, String sha, String command, int exitCode, boolean timedOut, long durationMs,
            String outputTail) {
        boolean passed() {
            return exitCode == 0 && !timedOut;
        }
    }

    private final Path worktreesDir;
    private final Duration timeout;
    private final Set<Process> live = ConcurrentHashMap.newKeySet();

    TestRun(Path worktreesDir, Duration timeout) {
        this.worktreesDir = worktreesDir;
        this.timeout = timeout;
    }

    /** Never throws: a run that cannot start is a result with exit code -1 and the reason as its output. */
    Result run(Path repo, String sha, String command) {
        Path dir = worktreesDir.resolve("tests-" + Digest.hex(repo + "@" + sha, 12));
        long started = System.nanoTime();
        try {
            Files.createDirectories(worktreesDir);
            remove(repo, dir);
            GitCommand.Outcome add = GitCommand.run(repo, "worktree", "add", "--detach", dir.toString(), sha);
            if (!add.ok()) {
                return new Result(repo, sha, command, -1, false, millisSince(started),
                        "kairos could not check out " + sha + " to test it: " + add.output());
            }
            return execute(repo, sha, command, dir, started);
        } catch (IOException e) {
            return new Result(repo, sha, command, -1, false, millisSince(started),
                    "kairos could not run the tests: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(repo, sha, command, -1, false, millisSince(started), "interrupted");
        } finally {
            remove(repo, dir);
        }
    }

    /** Kills every command still running (the daemon is stopping); their runs repeat after a restart. */
    void killAll() {
        live.forEach(TestRun::killTree);
    }

    private Result execute(Path repo, String sha, String command, Path dir, long started)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", command).directory(dir.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("KAIROS_") || SECRETS.contains(name));
        env.put("GIT_TERMINAL_PROMPT", "0");
        Process process = builder.start();
        live.add(process);
        try {
            process.getOutputStream().close();
            OutputTail tail = new OutputTail(OUTPUT_TAIL_BYTES);
            Thread reader = Thread.ofPlatform().daemon().name("kairos-test-output")
                    .start(() -> tail.drain(process.getInputStream()));
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
                process.waitFor(10, TimeUnit.SECONDS);
            }
            // a grandchild that escaped the kill may hold the pipe open: don't wait for it forever
            reader.join(TimeUnit.SECONDS.toMillis(finished ? 30 : 2));
            int exit = process.isAlive() ? -1 : process.exitValue();
            String output = Secrets.redact(tail.text());
            if (!finished) output += "\n[kairos: killed after " + timeout.toSeconds() + " s]";
            return new Result(repo, sha, command, exit, !finished, millisSince(started), output);
        } finally {
            live.remove(process);
        }
    }

    private static void killTree(Process process) {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** Removes the worktree and git's record of it; tolerates one half-made or left behind by a crash. */
    private static void remove(Path repo, Path dir) {
        if (Files.exists(dir)) {
            GitCommand.Outcome removed = GitCommand.run(repo, "worktree", "remove", "--force", "--force",
                    dir.toString());
            if (!removed.ok()) deleteTree(dir);
        }
        GitCommand.run(repo, "worktree", "prune");
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
