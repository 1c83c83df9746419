package dev.kairos.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** `kairos ARGS` in a separate JVM on the test class path, with its output collected line by line. */
public final class KairosProcess implements AutoCloseable {
    private final Process process;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private KairosProcess(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    synchronized (lines) {
                        lines.add(line);
                        lines.notifyAll();
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, "kairos-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    public static KairosProcess start(Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "dev.kairos.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().putAll(env);
        return new KairosProcess(pb.start());
    }

    /** Waits (up to the deadline) for an output line matching; fails with the output so far. */
    public String awaitLine(Predicate<String> match, Duration deadline) throws InterruptedException {
        Instant end = Instant.now().plus(deadline);
        synchronized (lines) {
            int seen = 0;
            while (true) {
                for (; seen < lines.size(); seen++) if (match.test(lines.get(seen))) return lines.get(seen);
                long left = Duration.between(Instant.now(), end).toMillis();
                if (left <= 0 || (!process.isAlive() && seen == lines.size())) {
                    throw new AssertionError("no matching line from kairos; output:\n" + String.join("\n", lines));
                }
                lines.wait(Math.min(left, 200));
            }
        }
    }

    public List<String> output() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** Sends SIGTERM and waits for the exit code. */
    public int terminate(Duration deadline) throws InterruptedException {
        process.toHandle().destroy(); // SIGTERM; Process.destroy() would also close our end of its output
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kairos did not stop within " + deadline + "; output:\n" + String.join("\n", output()));
        }
        reader.join(deadline.toMillis()); // the last lines may still be in the pipe
        return process.exitValue();
    }

    /** Waits for the process to end on its own and returns its exit code; fails with the output if it does not. */
    public int awaitExit(Duration deadline) throws InterruptedException {
        if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("kairos did not end within " + deadline + "; output:\n"
                    + String.join("\n", output()));
        }
        reader.join(deadline.toMillis());
        return process.exitValue();
    }

    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() {
        if (!process.isAlive()) return;
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
