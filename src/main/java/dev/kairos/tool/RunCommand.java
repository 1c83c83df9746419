package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.config.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@code run_command {command, cwd}}: bash in the sandbox, killed with its children at the time-out; the result
 * holds the exit code and the head and tail of the output (stdout and stderr together, as a terminal shows them).
 */
final class RunCommand implements Tool {
    /** Environment variables a command never sees: a prompt-injected command must not be able to print them. */
    static final Pattern SECRET_NAME = Pattern.compile(
            "(?i).*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|COOKIE|SESSION).*|SSH_AUTH_SOCK|GPG_AGENT_INFO");
    private static final Duration GRACE = Duration.ofSeconds(2);
    private static final ObjectNode SCHEMA = Schema.object()
            .string("command", "a bash command line", true)
            .string("cwd", "the folder to run in, relative to the task's folder; default: the task's folder", false)
            .build();

    private final Sandbox sandbox;

    RunCommand(Sandbox sandbox) {
        this.sandbox = sandbox;
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

        ProcessBuilder pb = new ProcessBuilder(sandbox.argv(command, cwd, ctx)).directory(cwd.toFile())
                .redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(name -> SECRET_NAME.matcher(name).matches());
        env.put("TERM", "dumb");
        env.put("GIT_TERMINAL_PROMPT", "0");

        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            throw new ToolFailure("cannot start bash: " + e.getMessage());
        }
        Clip output = new Clip(Clip.DEFAULT_SIDE);
        Thread reader = Thread.ofVirtual().name("run_command-output").start(() -> output.drain(process.getInputStream()));
        try {
            process.getOutputStream().close(); // no input: a command waiting for it gets end-of-file
            boolean finished = process.waitFor(ctx.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                killTree(process);
                reader.join(GRACE);
                return ToolResult.error("timed out after " + Durations.format(ctx.commandTimeout())
                        + "; the command and its children were killed\n" + shown(output, ctx));
            }
            // a background child may keep the output open after bash exits; do not wait for it forever
            reader.join(GRACE);
            String note = reader.isAlive() ? "\n(a background process still holds the output open; not waiting for it)" : "";
            int exit = process.exitValue();
            String text = "exit code: " + exit + "\n" + shown(output, ctx) + note;
            return exit == 0 ? ToolResult.ok(text) : ToolResult.error(text);
        } catch (IOException e) {
            killTree(process);
            throw new ToolFailure("lost the command's output: " + e.getMessage());
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new ToolFailure("interrupted; the command was killed");
        }
    }

    private static String shown(Clip output, ToolContext ctx) {
        return output.isEmpty() ? "(no output)" : output.text(ctx.resultTokens() - 64);
    }

    private static void killTree(Process process) {
        // the tree first, then bash (so it spawns nothing more), then whatever the tree spawned meanwhile
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        for (ProcessHandle p : tree) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        try {
            process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
