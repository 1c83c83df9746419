package dev.kairos.event;

import java.time.Instant;
import java.util.Objects;

/**
 * Something a sensor observed. {@code key} deduplicates within a {@code source}: the inbox keeps the first event
 * with a given (source, key) and drops the rest. {@code payload} is a JSON object as text.
 */
public record Event(long id, String source, String kind, String key, Instant observedAt, Trust trust, String summary,
        String payload) {

    public Event {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(observedAt, "observedAt");
        Objects.requireNonNull(trust, "trust");
        summary = Secrets.redact(Objects.requireNonNull(summary, "summary").strip().replace('\n', ' '));
        payload = payload == null || payload.isBlank() ? "{}" : Secrets.redact(payload);
    }

    /** A new observation, not yet stored (id 0). */
    public static Event observed(String source, String kind, String key, Instant at, Trust trust, String summary,
            String payload) {
        return new Event(0, source, kind, key, at, trust, summary, payload);
    }

    public Event withId(long newId) {
        return new Event(newId, source, kind, key, observedAt, trust, summary, payload);
    }
}
