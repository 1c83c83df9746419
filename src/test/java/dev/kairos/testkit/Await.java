package dev.kairos.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for a condition another thread or process brings about, up to a deadline; never sleeps for time itself. */
public final class Await {
    private Await() {}

    /** Returns as soon as {@code condition} holds; fails with {@code what} when the deadline passes first. */
    public static void until(Duration deadline, String what, BooleanSupplier condition) {
        long end = System.nanoTime() + deadline.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - end > 0) throw new AssertionError("waited " + deadline + " for " + what);
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
