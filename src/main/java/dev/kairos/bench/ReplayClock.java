package dev.kairos.bench;

import java.time.Instant;
import java.time.InstantSource;

/** The time of a replay: it stands where the bench puts it, so a simulated day runs in milliseconds. */
public final class ReplayClock implements InstantSource {
    private volatile Instant now;

    ReplayClock(Instant start) {
        this.now = start;
    }

    void set(Instant at) {
        if (at.isBefore(now)) throw new IllegalArgumentException("a replay's time runs forward: " + at + " < " + now);
        now = at;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
