package dev.kairos.process;

import dev.kairos.testkit.Await;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Process ids that test scripts write to files, and waiting for those processes to end. */
final class Pids {
    private Pids() {}

    /** Waits until the script has written a pid into {@code file}; returns it. */
    static long awaitIn(Path file) {
        Await.until(Duration.ofSeconds(30), "a pid in " + file, () -> read(file) > 0);
        return read(file);
    }

    static void awaitGone(long pid) {
        Await.until(Duration.ofSeconds(10), "process " + pid + " to end", () -> !ProcessTable.running(pid));
    }

    /** Whether commands run tethered in sessions of their own that /proc lets us follow (Linux with setsid). */
    static boolean sessionsFollowed() {
        return Tether.find(System.getenv()).holds() && ProcessTable.available();
    }

    static boolean running(long pid) {
        return ProcessTable.running(pid);
    }

    private static long read(Path file) {
        try {
            String text = Files.exists(file) ? Files.readString(file).strip() : "";
            return text.matches("\\d+") ? Long.parseLong(text) : -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
