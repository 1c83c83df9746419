package dev.kairos.event;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The durable inbox: every event is stored before anything acts on it, deduplicated by (source, key), and stays
 * pending until a beat marks it processed in the same transaction that records what it led to.
 */
public final class Inbox {
    static final RowMapper<Event> MAPPER = (rs, ctx) -> new Event(rs.getLong("id"), rs.getString("source"),
            rs.getString("kind"), rs.getString("dedupe_key"), Instant.ofEpochMilli(rs.getLong("observed_at")),
            Trust.valueOf(rs.getString("trust")), rs.getString("summary"), rs.getString("payload"));

    private final Jdbi jdbi;

    public Inbox(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Stores the event unless one with its (source, key) exists; returns the stored event when it was new. */
    public Optional<Event> add(Event event) {
        return jdbi.withHandle(h -> add(h, event));
    }

    /**
     * The same inside the caller's transaction, so the event commits with what marks it as received (a channel's
     * read position): a crash keeps both or neither.
     */
    public static Optional<Event> add(Handle h, Event event) {
        int inserted = h.createUpdate("""
                INSERT OR IGNORE INTO events (source, kind, dedupe_key, observed_at, trust, summary, payload)
                VALUES (:source, :kind, :key, :at, :trust, :summary, :payload)""")
                .bind("source", event.source())
                .bind("kind", event.kind())
                .bind("key", event.key())
                .bind("at", event.observedAt().toEpochMilli())
                .bind("trust", event.trust().name())
                .bind("summary", event.summary())
                .bind("payload", event.payload())
                .execute();
        if (inserted == 0) return Optional.empty();
        long id = h.createQuery("SELECT last_insert_rowid()").mapTo(Long.class).one();
        return Optional.of(event.withId(id));
    }

    /** Pending events, oldest first. */
    public List<Event> pending(int limit) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM events WHERE processed_at IS NULL ORDER BY id LIMIT :limit")
                .bind("limit", limit).map(MAPPER).list());
    }

    public int pendingCount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM events WHERE processed_at IS NULL")
                .mapTo(Integer.class).one());
    }

    public Optional<Event> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM events WHERE id = :id").bind("id", id)
                .map(MAPPER).findOne());
    }

    /**
     * Marks an event processed inside the caller's transaction, so the mark and its consequences commit together.
     * False when it was processed already (by another beat): the caller must then leave it alone.
     */
    public static boolean claim(Handle h, long id, Instant at) {
        return h.createUpdate("UPDATE events SET processed_at = :at WHERE id = :id AND processed_at IS NULL")
                .bind("at", at.toEpochMilli()).bind("id", id).execute() == 1;
    }
}
