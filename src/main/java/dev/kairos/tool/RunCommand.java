package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.config.Durations;
import dev.kairos.process.Command;
import dev.kairos.process.ProcessRunner;
import dev.kairos.process.Result;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code run_command {command, cwd}}: bash in the sandbox, through the process runner (secrets scrubbed from the
 * environment, no input, killed with its children at the time-out); the result holds the exit code and the head
 * and tail of the output (stdout and stderr together, as a terminal shows them).
 */
final class RunCommand implements Tool {
    private static final ObjectNode SCHEMA = Schema.object()
            .string("command", "a bash command line", true)
            .string("cwd", "the folder to run in, relative to the task's folder; default: the task's folder", false)
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
        return "Run a bash command and get its exit code and output (long output keeps its beginning and end). "
                + "Only the task's folders are writable; the network is off unless the policy allows it; "
                + "the command is killed at the time-out.";
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

        Result r = runner.run(Command.in(cwd, sandbox.argv(command, cwd, ctx)).withTimeout(ctx.commandTimeout())
                .withOutputCap(2 * Clip.DEFAULT_SIDE));
        return switch (r.ending()) {
            case NOT_STARTED -> throw new ToolFailure(r.text());
            case INTERRUPTED -> throw new ToolFailure("interrupted; the command was killed");
            case TIMED_OUT -> ToolResult.error("timed out after " + Durations.format(ctx.commandTimeout())
                    + "; the command and its children were killed\n" + shown(r, ctx));
            case EXITED -> {
                String text = "exit code: " + r.exitCode() + "\n" + shown(r, ctx);
                yield r.exitCode() == 0 ? ToolResult.ok(text) : ToolResult.error(text);
            }
        };
    }

    private static String shown(Result r, ToolContext ctx) {
        Result.Output out = r.output();
        return out.isEmpty() ? "(no output)" : TokenCap.cap(out.head(), out.cutBytes(), out.tail(), ctx.resultTokens() - 64);
    }
}
