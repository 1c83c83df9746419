package dev.kairos.sense;

import dev.kairos.event.Event;
import java.time.Instant;
import java.util.List;

/**
 * Watches one part of the world. Polling is deterministic and costs no tokens; a sensor may report the same
 * observation twice (the inbox deduplicates by source and key) but must not miss one across a restart.
 *
 * <p>Sensors with durable state record "reported" only when they are polled again, so the caller must have stored
 * one poll's events (in the inbox) before it polls again; a crash in between makes the next start repeat them.
 */
public interface Sensor extends AutoCloseable {

    /** A short name for logs and the sensor_state table, e.g. "git" or "schedule". */
    String name();

    /** What is new or due at {@code now}. Must not throw for bad input: report it (log) and carry on. */
    List<Event> poll(Instant now);

    /** Push sources call this when something arrives, so the heartbeat wakes at once instead of at its interval. */
    default void onWake(Runnable wake) {}

    @Override
    default void close() {}
}
