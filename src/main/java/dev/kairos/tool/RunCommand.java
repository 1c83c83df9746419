package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.config.Durations;
import dev.kairos.process.Command;
import dev.kairos.process.ProcessRunner;
import dev.kairos.process.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code run_command {command, cwd}}: bash in the sandbox, through the process runner (secrets scrubbed from the
 * environment, no input, killed with its children at the time-out); the result holds the exit code and the head
 * and tail of the output (stdout and stderr together, as a terminal shows them). Where the context takes commands
 * into the background (a proactive task in the running agent), one still running when the call has waited its
 * time is handed over instead of killed, and the call answers at once with the job's number.
 */
final class RunCommand implements Tool {
    private static final ObjectNode SCHEMA = Schema.object()
            .string("command", true)
            .string("cwd", false)
            .build();

    private final Sandbox sandbox;
    private final ProcessRunner runner;

    RunCommand(Sandbox sandbox, ProcessRunner runner) {
        this.sandbox = sandbox;
        this.runner = runner;
    }

    @Override
    public String name() {
        return "run_command";
    }

    @Override
    public String description() {
        return "Run a bash command; answers its exit code and output. Only the task's folders are writable; no "
                + "network unless the policy allows it.";
    }

    @Override
    public ObjectNode inputSchema() {
        return SCHEMA.deepCopy();
    }

    @Override
    public Risk risk() {
        return Risk.EXEC;
    }

    @Override
    public ToolResult call(ObjectNode input, ToolContext ctx) {
        String command = Schema.text(input, "command");
        if (command.isBlank()) throw new ToolFailure("the command is empty");
        Path cwd = Access.readable(ctx, Schema.optionalText(input, "cwd").orElse("."));
        if (!Files.isDirectory(cwd)) throw new ToolFailure("no such folder: " + cwd);

        Command run = Command.in(cwd, sandbox.argv(command, cwd, ctx)); // output clipped like read_file's files
        if (!ctx.backgrounds()) return shown(runner.run(run.withTimeout(ctx.commandTimeout())), ctx.commandTimeout(), ctx);
        return runOrHandOver(run.withTimeout(ToolContext.DEFAULT_COMMAND_TIMEOUT), command, cwd, ctx);
    }

    /** Runs on a thread of its own; waits the call's time, then hands the command over to the background. */
    private ToolResult runOrHandOver(Command run, String command, Path cwd, ToolContext ctx) {
        CompletableFuture<Result> end = new CompletableFuture<>();
        Thread worker = Thread.ofPlatform().daemon().name("kairos-command").start(() -> {
            try {
                end.complete(runner.run(run));
            } catch (RuntimeException | Error e) {
                end.completeExceptionally(e);
            }
        });
        try {
            return shown(end.get(ctx.commandTimeout().toNanos(), TimeUnit.NANOSECONDS), run.timeout(), ctx);
        } catch (TimeoutException e) {
            long job;
            try {
                job = ctx.background().takeOver(command, cwd, end);
            } catch (RuntimeException failure) {
                worker.interrupt(); // the runner kills the tree
                throw new ToolFailure("the command could not go on in the background (" + failure.getMessage()
                        + "); it was killed");
            }
            return ToolResult.ok("still running in the background as job " + job + " (waited "
                    + Durations.format(ctx.commandTimeout()) + "); its end comes back as an event: a follow-up task "
                    + "with its exit code and output. It is killed if it runs past " + Durations.format(run.timeout())
                    + ".");
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw new ToolFailure("interrupted; the command was killed");
        } catch (ExecutionException e) {
            throw new ToolFailure("the command could not run: " + e.getCause());
        }
    }

    private static ToolResult shown(Result r, java.time.Duration timeout, ToolContext ctx) {
        return switch (r.ending()) {
            case NOT_STARTED -> throw new ToolFailure(r.text());
            case INTERRUPTED -> throw new ToolFailure("interrupted; the command was killed");
            case TIMED_OUT -> ToolResult.error("timed out after " + Durations.format(timeout)
                    + "; the command and its children were killed\n" + output(r, ctx));
            case EXITED -> {
                String text = "exit code: " + r.exitCode() + "\n" + output(r, ctx);
                yield r.exitCode() == 0 ? ToolResult.ok(text) : ToolResult.error(text);
            }
        };
    }

    private static String output(Result r, ToolContext ctx) {
        Result.Output out = r.output();
        return out.isEmpty() ? "(no output)" : TokenCap.cap(out.head(), out.cutBytes(), out.tail(), ctx.resultTokens() - 64);
    }
}
