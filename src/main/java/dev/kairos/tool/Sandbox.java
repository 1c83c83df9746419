package dev.kairos.tool;

import dev.kairos.process.Command;
import dev.kairos.process.ProcessRunner;
import dev.kairos.process.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@code run_command} isolates a command: under bubblewrap when it works here (the whole file system read-only
 * except the task's writable folders and a private /tmp, no network unless allowed, its own process tree), or as a
 * plain process otherwise.
 */
public final class Sandbox {
    private static final Logger log = LoggerFactory.getLogger(Sandbox.class);

    private final Optional<Path> bwrap;

    private Sandbox(Optional<Path> bwrap) {
        this.bwrap = bwrap;
    }

    /** Bubblewrap if it is on the PATH and can start a sandbox here; says once in the log when it cannot. */
    public static Sandbox detect(ProcessRunner runner) {
        Optional<Path> found = onPath("bwrap");
        if (found.isEmpty()) {
            log.warn("sandbox=none reason=\"bwrap not found\" effect=\"run_command runs commands as plain processes;"
                    + " install bubblewrap to confine them\"");
            return new Sandbox(Optional.empty());
        }
        String problem = probe(runner, found.get());
        if (problem != null) {
            log.warn("sandbox=none bwrap={} reason=\"{}\" effect=\"run_command runs commands as plain processes\"",
                    found.get(), problem);
            return new Sandbox(Optional.empty());
        }
        log.info("sandbox=bwrap path={}", found.get());
        return new Sandbox(found);
    }

    /** No isolation: commands run as plain processes (also what {@link #detect(ProcessRunner)} falls back to). */
    public static Sandbox none() {
        return new Sandbox(Optional.empty());
    }

    public boolean isolates() {
        return bwrap.isPresent();
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
            if (!ctx.networkAllowed()) argv.add("--unshare-net");
            argv.addAll(List.of("--unshare-pid", "--die-with-parent", "--new-session", "--chdir", cwd.toString()));
        }
        argv.addAll(List.of("bash", "-c", command));
        return argv;
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
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
