package dev.kairos.heartbeat;

import dev.kairos.config.ActiveHours;
import dev.kairos.store.StoreException;
import java.time.Duration;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives the heartbeat: a beat every interval (plus jitter) inside active hours, and at once when a push source
 * calls {@link #wake()}. {@link #stop()} lets the beat in progress finish; {@link #run()} then returns.
 */
public final class HeartbeatLoop {
    private static final Logger log = LoggerFactory.getLogger(HeartbeatLoop.class);

    private final Heartbeat heartbeat;
    private final Duration every;
    private final Duration jitter;
    private final ActiveHours hours;
    private final ZoneId zone;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Consumer<BeatReport> onBeat;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean woken;
    private volatile boolean stopping;
    private String lastFailure; // only the loop's thread touches these two
    private int failuresInARow;

    public HeartbeatLoop(Heartbeat heartbeat, Duration every, Duration jitter, ActiveHours hours, ZoneId zone,
            InstantSource clock, RandomGenerator random, Consumer<BeatReport> onBeat) {
        this.heartbeat = heartbeat;
        this.every = every;
        this.jitter = jitter;
        this.hours = hours;
        this.zone = zone;
        this.clock = clock;
        this.random = random;
        this.onBeat = onBeat;
    }

    /**
     * Beats until {@link #stop()}. A failed beat is logged with its trace once; the same failure again is one line
     * at the 2nd, 4th, 8th... time in a row. A damaged state database ends the loop: the exception is thrown, since
     * every beat would fail alike until a person recovers the file.
     */
    public void run() {
        boolean pushed = true; // beat once at start: catch up on what happened while we were down
        while (!stopping) {
            if (pushed || hours.contains(clock.instant().atZone(zone).toLocalTime())) {
                try {
                    onBeat.accept(heartbeat.beat());
                    succeeded();
                } catch (RuntimeException e) {
                    if (StoreException.isDamage(e)) throw e;
                    failed(e);
                }
            }
            pushed = await(nextDelay());
        }
    }

    private void failed(RuntimeException e) {
        String what = e.toString();
        if (!what.equals(lastFailure)) {
            lastFailure = what;
            failuresInARow = 1;
            log.error("beat failed: {}", what, e);
        } else if (Integer.bitCount(++failuresInARow) == 1) {
            log.error("beat failed again ({} in a row): {}", failuresInARow, what);
        }
    }

    private void succeeded() {
        if (failuresInARow > 0) log.info("beats work again after {} failed", failuresInARow);
        lastFailure = null;
        failuresInARow = 0;
    }

    /** Asks for a beat now (a file changed, a message arrived). */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public void stop() {
        stopping = true;
        wake();
    }

    /** The interval plus a random jitter of at most a tenth of it, so `--every 1s` still beats about once a second. */
    private Duration nextDelay() {
        long bound = Math.min(jitter.toMillis(), every.toMillis() / 10);
        long j = bound <= 0 ? 0 : random.nextLong(bound + 1);
        return every.plusMillis(j);
    }

    /** Waits for the delay or a wake; true when woken by a push. */
    private boolean await(Duration delay) {
        lock.lock();
        try {
            long nanos = delay.toNanos();
            while (!woken && !stopping && nanos > 0) nanos = signal.awaitNanos(nanos);
            boolean pushed = woken;
            woken = false;
            return pushed && !stopping;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
            return false;
        } finally {
            lock.unlock();
        }
    }

}
