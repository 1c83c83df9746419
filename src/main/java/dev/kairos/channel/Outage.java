package dev.kairos.channel;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;

/**
 * How a channel's reader lives through a failing service: the problem `kairos status` shows, one log line when a
 * problem starts or changes and one when it is over, and pauses between tries that double with each failure in a
 * row, up to a longest pause.
 */
final class Outage {
    private final Logger log;
    private final String recovered;
    private final Duration longestPause;
    private final int mostDoublings;
    private final BooleanSupplier closed;
    private volatile String problem;
    private int inARow;

    /**
     * @param log the reader's own logger
     * @param recovered the line logged when a problem is over
     * @param mostDoublings the back-off stops growing at 2 to this power seconds
     * @param closed whether the reader was closed: a pause then ends
     */
    Outage(Logger log, String recovered, Duration longestPause, int mostDoublings, BooleanSupplier closed) {
        this.log = log;
        this.recovered = recovered;
        this.longestPause = longestPause;
        this.mostDoublings = mostDoublings;
        this.closed = closed;
    }

    /** A try failed with {@code what} (the whole line, channel first); it is logged unless it is the problem already. */
    synchronized void failed(String what) {
        if (!what.equals(problem)) log.warn("{}; trying again", what);
        problem = what;
    }

    /** A try worked: a problem there was is over, and the back-off starts again from its shortest. */
    synchronized void recovered() {
        if (problem != null) log.info(recovered);
        problem = null;
        inARow = 0;
    }

    /** What stops the channel working, for `kairos status`; empty while it works. */
    Optional<String> problem() {
        return Optional.ofNullable(problem);
    }

    /** Counts a failure in a row and says how long to wait before the next try. */
    synchronized Duration backoff() {
        inARow++;
        return Duration.ofSeconds(1L << Math.min(inARow, mostDoublings));
    }

    /** Waits {@code d}, or the longest pause if that is shorter; false when the reader was closed or interrupted. */
    boolean pause(Duration d) {
        try {
            Thread.sleep(d.compareTo(longestPause) > 0 ? longestPause : d);
            return !closed.getAsBoolean();
        } catch (InterruptedException e) {
            return false;
        }
    }
}
