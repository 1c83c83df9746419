package dev.kairos.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/** Whether processes still run, for tests; a killed process nobody has reaped yet (a zombie) does not run. */
final class Running {
    private Running() {}

    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && !Files.isDirectory(Path.of("/proc"));
        }
    }

    /** Polls {@code count} until it is zero or five seconds have passed (killing is not instant); returns the last count. */
    static long awaitZero(LongSupplier count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        long n;
        while ((n = count.getAsLong()) > 0 && System.nanoTime() < deadline) Thread.sleep(20);
        return n;
    }
}
