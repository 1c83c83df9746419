package dev.kairos.tool;

import dev.kairos.process.Command;
import dev.kairos.process.ProcessRunner;
import dev.kairos.process.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code run_command} isolates a command: under bubblewrap when it works here (the whole file system read-only
 * except the task's writable folders and a private /tmp, no network unless allowed, its own process tree; Kairos's
 * control files and git metadata stay read-only even inside writable folders), or as a plain process otherwise.
 */
public final class Sandbox {
    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

    /** What `status` shows on a machine without bubblewrap. */
    static final String NOT_INSTALLED = "no sandbox: bubblewrap (bwrap) is not installed; commands wait for approval"
            + " (apt-get install bubblewrap)";

    private final Optional<Path> bwrap;
    private final Optional<String> problem;

    private Sandbox(Optional<Path> bwrap, Optional<String> problem) {
        this.bwrap = bwrap;
        this.problem = problem;
    }

    /**
     * Bubblewrap if it is on the PATH of {@code env} and can start a sandbox here. Without it the policy asks before
     * every command (see PolicyContext#sandboxed); the operator log says so, and `status` lists it as a problem, so a
     * short command's terminal is not cluttered with it.
     */
    public static Sandbox detect(Map<String, String> env, ProcessRunner runner) {
        Optional<Path> found = onPath("bwrap", env);
        if (found.isEmpty()) {
            log.info("sandbox=none reason=\"bwrap not found\" effect=\"every run_command waits for approval;"
                    + " install bubblewrap to confine commands\"");
            return new Sandbox(Optional.empty(), Optional.of(NOT_INSTALLED));
        }
        String problem = probe(runner, found.get());
        if (problem != null) {
            log.info("sandbox=none bwrap={} reason=\"{}\" effect=\"every run_command waits for approval\"",
                    found.get(), problem);
            return new Sandbox(Optional.empty(), Optional.of("no sandbox: bwrap cannot start here (" + problem
                    + "); commands wait for approval"));
        }
        log.info("sandbox=bwrap path={}", found.get());
        return new Sandbox(found, Optional.empty());
    }

    /** No isolation: commands run as plain processes (also what {@link #detect} falls back to). */
    public static Sandbox none() {
        return new Sandbox(Optional.empty(), Optional.of("no sandbox: commands run as plain processes"));
    }

    /** Whether the sandbox is missing, by a look along the PATH of {@code env} only: cheap enough for every status. */
    public static Optional<String> missing(Map<String, String> env) {
        return onPath("bwrap", env).isPresent() ? Optional.empty() : Optional.of(NOT_INSTALLED);
    }

    /** Why commands are not isolated here, for `status`; empty when they are. */
    public Optional<String> problem() {
        return problem;
    }

    public boolean isolates() {
        return bwrap.isPresent();
    }

    /**
     * The argument vector that runs {@code command} with bash in {@code dir} confined as a task's command is: only
     * {@code dir} writable, Kairos's control files and git metadata read-only, no network. Empty without a sandbox:
     * the caller must not then run code it has not been allowed to run.
     */
    public Optional<List<String>> confine(String command, Path dir, Path workspace, java.time.InstantSource clock) {
        if (bwrap.isEmpty()) return Optional.empty();
        ToolContext ctx = ToolContext.at(dir, clock).withWritableRoots(List.of(dir)).withWorkspace(workspace);
        return Optional.of(argv(command, RealPaths.real(dir), ctx));
    }

    /** The argument vector that runs {@code command} with bash in {@code cwd}. */
    List<String> argv(String command, Path cwd, ToolContext ctx) {
        List<String> argv = new ArrayList<>();
        if (bwrap.isPresent()) {
            argv.addAll(List.of(bwrap.get().toString(), "--ro-bind", "/", "/", "--dev", "/dev", "--proc", "/proc",
                    "--tmpfs", "/tmp"));
            // after the tmpfs, so folders under /tmp are seen again; the root read-only unless it is writable
            Path root = RealPaths.real(ctx.root());
            if (!RealPaths.isUnderAny(root, ctx.writableRoots())) {
                argv.addAll(List.of("--ro-bind", root.toString(), root.toString()));
            }
            for (Path w : ctx.writableRoots()) {
                if (!Files.isDirectory(w)) continue;
                String real = RealPaths.real(w).toString();
                argv.addAll(List.of("--bind", real, real));
            }
            // after the writable binds (bwrap applies them in order): control files and git metadata stay read-only
            for (Path p : ProtectedPaths.readOnlyInSandbox(ctx.workspace(), ctx.writableRoots())) {
                // one that does not exist yet is held by an empty read-only file (which SQLite ignores)
                argv.addAll(List.of("--ro-bind", Files.exists(p) ? p.toString() : "/dev/null", p.toString()));
            }
            if (!ctx.networkAllowed()) argv.add("--unshare-net");
            argv.addAll(List.of("--unshare-pid", "--die-with-parent", "--new-session", "--chdir", cwd.toString()));
        }
        argv.addAll(List.of("bash", "-c", command));
        return argv;
    }

    private static Optional<Path> onPath(String program, Map<String, String> env) {
        String path = env.get("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (dir.isBlank()) continue;
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    /** Null when a minimal sandbox starts and exits cleanly; else what went wrong. */
    private static String probe(ProcessRunner runner, Path bwrap) {
        Result r = runner.run(Command.in(Path.of("/"), bwrap.toString(), "--ro-bind", "/", "/", "--dev", "/dev",
                "--proc", "/proc", "--unshare-net", "--unshare-pid", "--die-with-parent", "true")
                .withTimeout(java.time.Duration.ofSeconds(10)).withOutputCap(4096));
        String out = r.text().strip();
        return switch (r.ending()) {
            case EXITED -> r.exitCode() == 0 ? null : "bwrap failed: " + (out.isEmpty() ? "exit " + r.exitCode() : out);
            case TIMED_OUT -> "bwrap did not start within 10s";
            case NOT_STARTED -> "cannot start bwrap: " + out;
            case INTERRUPTED -> "interrupted while trying bwrap";
        };
    }
}
