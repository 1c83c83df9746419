package dev.kairos.agent;

import dev.kairos.event.Secrets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether a fix task is done, seen by Kairos rather than taken from the model's word: after the turn, the watch's
 * test command runs in the task's worktree. It passes: what changed is committed on the task's branch (the model's
 * summary as the message), or was committed already. It fails, or nothing changed since the failing commit: the
 * task fails with the reason and the output's tail.
 */
final class FixCheck {
    static final int TAIL_LINES = 40;
    private static final List<String> GIT = List.of("git", "-c", "core.hooksPath=/dev/null", "-c",
            "commit.gpgsign=false", "-c", "color.ui=false");
    private static final Duration GIT_TIMEOUT = Duration.ofMinutes(1);

    /** What a run printed (stdout and stderr together) and how it ended. */
    record Ran(int exit, boolean timedOut, String output) {
        boolean ok() {
            return exit == 0 && !timedOut;
        }
    }

    /**
     * The one way this class starts processes (the test command and git): the process runner plugs in here.
     * Never throws: a command that cannot start is a run with exit -1 and the reason as its output.
     */
    @FunctionalInterface
    interface Shell {
        Ran run(Path dir, List<String> command, Duration timeout);

        /** Why the test command cannot run here (no sandbox to confine the model's code); empty when it can. */
        default Optional<String> whyNoTests() {
            return Optional.empty();
        }
    }

    /**
     * The outcome: done (with what was verified) or not (the reason, then the output's last lines); done, {@code tail}
     * is the passing test output's end (the evidence a pull request shows).
     */
    record Verdict(boolean done, String reason, String tail) {
        String detail() {
            return tail.isEmpty() ? reason : reason + "\n" + tail;
        }
    }

    private final Shell shell;
    private final Duration testTimeout;

    FixCheck(Shell shell, Duration testTimeout) {
        this.shell = shell;
        this.testTimeout = testTimeout;
    }

    /**
     * @param failingSha the commit whose tests failed (the worktree started there)
     * @param summary the model's final answer, the commit message for changes it left uncommitted
     */
    Verdict check(Path worktree, String failingSha, String testCommand, String summary) {
        Ran head = git(worktree, "rev-parse", "HEAD");
        Ran status = git(worktree, "status", "--porcelain");
        if (!head.ok() || !status.ok()) {
            return failed("kairos could not read the worktree " + worktree, head.ok() ? status : head);
        }
        boolean changed = !status.output().isBlank();
        if (!changed && head.output().strip().equals(failingSha)) {
            return new Verdict(false, "nothing changed since the failing commit " + shortSha(failingSha)
                    + ": the model answered without a fix", "");
        }
        // staged before the test runs, so what the test itself leaves behind is not committed with the fix
        Ran add = changed ? git(worktree, "add", "-A") : head;
        if (!add.ok()) return failed("kairos could not stage the changes in " + worktree, add);
        Optional<String> cannot = shell.whyNoTests();
        if (cannot.isPresent()) return new Verdict(false, cannot.get(), "");
        Ran test = shell.run(worktree, List.of("bash", "-c", testCommand), testTimeout);
        if (!test.ok()) {
            String how = test.timedOut() ? "timed out after " + testTimeout.toSeconds() + " s" : "exit " + test.exit();
            return failed("the test command still fails in the worktree (" + how + "): " + testCommand, test);
        }
        if (!changed) {
            return new Verdict(true, "the test passes (" + testCommand + ") at " + shortSha(head.output().strip()),
                    tail(test.output()));
        }
        Ran commit = git(worktree, commitArgs(worktree, message(summary)));
        if (!commit.ok()) return failed("the test passes, but kairos could not commit the fix", commit);
        Ran after = git(worktree, "rev-parse", "--short", "HEAD");
        return new Verdict(true, "the test passes (" + testCommand + "); kairos committed the changes as "
                + after.output().strip(), tail(test.output()));
    }

    private String[] commitArgs(Path worktree, String message) {
        List<String> args = new ArrayList<>();
        if (!git(worktree, "config", "user.email").ok()) {
            args.addAll(List.of("-c", "user.name=Kairos", "-c", "user.email=kairos@localhost"));
        }
        args.addAll(List.of("commit", "--no-verify", "-q", "-m", message));
        return args.toArray(String[]::new);
    }

    private Ran git(Path worktree, String... args) {
        List<String> command = new ArrayList<>(GIT);
        command.addAll(List.of(args));
        return shell.run(worktree, command, GIT_TIMEOUT);
    }

    private static Verdict failed(String reason, Ran ran) {
        return new Verdict(false, reason, tail(ran.output()));
    }

    /** The last lines of an output, secrets redacted. */
    static String tail(String output) {
        List<String> lines = Secrets.redact(output == null ? "" : output).strip().lines().toList();
        List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
        return String.join("\n", last);
    }

    private static String message(String summary) {
        String s = summary == null ? "" : Secrets.redact(summary).strip();
        return s.isEmpty() ? "Fix the failing test" : s;
    }

    private static String shortSha(String sha) {
        return sha.substring(0, Math.min(7, sha.length()));
    }
}
