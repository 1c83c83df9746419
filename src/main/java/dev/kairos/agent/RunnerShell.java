package dev.kairos.agent;

import dev.kairos.process.Command;
import dev.kairos.process.Git;
import dev.kairos.process.ProcessRunner;
import dev.kairos.process.Result;
import dev.kairos.tool.Sandbox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link FixCheck}'s processes through the one process runner: git hardened (see {@link Git}), and the test command,
 * which now runs code the model wrote, confined like a task's own command (its worktree writable, no network).
 * Without a sandbox the test is not run at all: the model's code must not run unconfined behind the policy's back.
 */
final class RunnerShell implements FixCheck.Shell {
    static final String NO_SANDBOX = "kairos cannot check the fix without a sandbox (install bubblewrap): the model's "
            + "code does not run unconfined; the change is left uncommitted in the task's worktree";
    private static final int OUTPUT_CAP = 64 * 1024;

    private final ProcessRunner runner;
    private final Git git;
    private final Sandbox sandbox;
    private final Path workspace;
    private final InstantSource clock;

    RunnerShell(ProcessRunner runner, Sandbox sandbox, Path workspace, InstantSource clock) {
        this.runner = runner;
        this.git = new Git(runner);
        this.sandbox = sandbox;
        this.workspace = workspace;
        this.clock = clock;
    }

    @Override
    public Optional<String> whyNoTests() {
        return sandbox.isolates() ? Optional.empty() : Optional.of(NO_SANDBOX);
    }

    @Override
    public FixCheck.Ran run(Path dir, List<String> command, Duration timeout) {
        if (command.getFirst().equals("git")) return ran(git.run(dir, timeout, command.subList(1, command.size())));
        boolean bash = command.size() == 3 && command.get(0).equals("bash") && command.get(1).equals("-c");
        if (!bash) throw new IllegalArgumentException("FixCheck runs git or a bash command line, not " + command);
        Optional<List<String>> confined = sandbox.confine(command.get(2), dir, workspace, clock);
        if (confined.isEmpty()) return new FixCheck.Ran(-1, false, NO_SANDBOX);
        return ran(runner.run(new Command(confined.get(), dir, Map.of(), timeout, OUTPUT_CAP)));
    }

    private static FixCheck.Ran ran(Result r) {
        return new FixCheck.Ran(r.exitCode(), r.timedOut(), r.text());
    }
}
