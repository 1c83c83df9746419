package dev.kairos.agent;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * {@link FixCheck}'s processes as plain local processes, until the one process runner takes over: Kairos's own
 * settings and anything named like a secret stay out of the environment, output is read while the process runs
 * (its last 64 KB kept), and at the time-out the process and its children are killed.
 */
final class LocalShell implements FixCheck.Shell {
    private static final Pattern SECRET_NAME = Pattern.compile(
            "(?i)KAIROS_.*|.*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|COOKIE|SESSION).*|SSH_AUTH_SOCK|GPG_AGENT_INFO");
    private static final int KEEP_BYTES = 64 * 1024;

    @Override
    public FixCheck.Ran run(Path dir, List<String> command, Duration timeout) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().keySet().removeIf(name -> SECRET_NAME.matcher(name).matches());
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("TERM", "dumb");
        Process process;
        try {
            process = pb.start();
        } catch (IOException e) {
            return new FixCheck.Ran(-1, false, "cannot start " + command.getFirst() + ": " + e.getMessage());
        }
        Tail tail = new Tail();
        Thread reader = Thread.ofVirtual().start(() -> tail.drain(process.getInputStream()));
        try {
            process.getOutputStream().close();
            boolean finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) killTree(process);
            reader.join(Duration.ofSeconds(2)); // a background child may hold the output open
            return new FixCheck.Ran(finished ? process.exitValue() : -1, !finished, tail.text());
        } catch (IOException e) {
            killTree(process);
            return new FixCheck.Ran(-1, false, "lost the output of " + command.getFirst() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            return new FixCheck.Ran(-1, false, "interrupted; " + command.getFirst() + " was killed");
        }
    }

    private static void killTree(Process process) {
        List<ProcessHandle> tree = process.descendants().toList();
        process.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    /** The last bytes of the output. */
    private static final class Tail {
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

        void drain(InputStream in) {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) != -1; ) append(buffer, n);
            } catch (IOException e) {
                // closed under us when the process is killed: what arrived is the tail
            }
        }

        private synchronized void append(byte[] bytes, int n) {
            kept.write(bytes, 0, n);
            if (kept.size() > 2 * KEEP_BYTES) {
                byte[] all = kept.toByteArray();
                kept.reset();
                kept.write(all, all.length - KEEP_BYTES, KEEP_BYTES);
            }
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
