package dev.kairos.effect;

import java.time.Instant;
import java.time.InstantSource;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The outbox: the only way an effect leaves Kairos. A step records what it decided with an idempotency key in its
 * own transaction ({@link #record(Handle, Effect.Draft, Instant)}); {@link Dispatch} delivers it afterwards, with
 * retries. A key is recorded once, so a replayed step finds its effect already decided.
 */
public final class Outbox {
    private static final RowMapper<Effect> MAPPER = (rs, ctx) -> new Effect(rs.getLong("id"), rs.getString("kind"),
            rs.getString("idempotency_key"), rs.getString("payload"), Effect.State.valueOf(rs.getString("state")),
            rs.getInt("attempts"), Instant.ofEpochMilli(rs.getLong("next_attempt_at")),
            Instant.ofEpochMilli(rs.getLong("created_at")), instant(rs, "delivered_at"),
            Optional.ofNullable(rs.getString("receipt")), Optional.ofNullable(rs.getString("last_error")),
            number(rs, "task_id"));

    private final Jdbi jdbi;
    private final InstantSource clock;

    public Outbox(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Records an effect inside the caller's transaction, so it commits with the step that decided it; due at once.
     * False when its key was recorded before (the step ran already): nothing changes.
     */
    public static boolean record(Handle h, Effect.Draft d, Instant now) {
        return h.createUpdate("""
                INSERT OR IGNORE INTO outbox (kind, idempotency_key, payload, state, next_attempt_at, created_at, task_id)
                VALUES (:kind, :key, :payload, 'PENDING', :now, :now, :task)""")
                .bind("kind", d.kind()).bind("key", d.key()).bind("payload", d.payload()).bind("now", now.toEpochMilli())
                .bind("task", d.taskId().orElse(null)).execute() == 1;
    }

    /** Records an effect in a transaction of its own; false when its key was recorded before. */
    public boolean record(Effect.Draft d) {
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> record(h, d, now));
    }

    public Optional<Effect> find(String key) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM outbox WHERE idempotency_key = :key")
                .bind("key", key).map(MAPPER).findOne());
    }

    /** Effects by state, every state present (0 when none): `kairos status --json` shows them as {@code outbox}. */
    public Map<Effect.State, Integer> counts() {
        Map<Effect.State, Integer> out = new EnumMap<>(Effect.State.class);
        for (Effect.State s : Effect.State.values()) out.put(s, 0);
        jdbi.useHandle(h -> h.createQuery("SELECT state, count(*) AS n FROM outbox GROUP BY state")
                .map((rs, ctx) -> Map.entry(Effect.State.valueOf(rs.getString("state")), rs.getInt("n")))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** Effects that failed for good since {@code since}, newest first: problems for `kairos status`. */
    public List<Effect> failedSince(Instant since, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT * FROM outbox WHERE state = 'FAILED' AND next_attempt_at >= :since
                ORDER BY next_attempt_at DESC LIMIT :limit""")
                .bind("since", since.toEpochMilli()).bind("limit", limit).map(MAPPER).list());
    }

    /** Pending effects due by {@code now}, oldest first. */
    List<Effect> due(Instant now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT * FROM outbox WHERE state = 'PENDING' AND next_attempt_at <= :now
                ORDER BY next_attempt_at, id LIMIT :limit""")
                .bind("now", now.toEpochMilli()).bind("limit", limit).map(MAPPER).list());
    }

    /**
     * Counts an attempt and pushes the next one to {@code retryAt} BEFORE the courier runs: a process that dies
     * mid-delivery comes back to it only then, and a delivery that kills the process cannot loop at every start.
     * False when the effect is no longer pending.
     */
    boolean attempt(long id, Instant retryAt) {
        return jdbi.withHandle(h -> h.createUpdate("""
                UPDATE outbox SET attempts = attempts + 1, next_attempt_at = :at WHERE id = :id AND state = 'PENDING'""")
                .bind("at", retryAt.toEpochMilli()).bind("id", id).execute() == 1);
    }

    void delivered(long id, String receipt, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE outbox SET state = 'DELIVERED', delivered_at = :at, receipt = :receipt, last_error = NULL
                WHERE id = :id AND state = 'PENDING'""")
                .bind("at", at.toEpochMilli()).bind("receipt", receipt).bind("id", id).execute());
    }

    void retry(long id, String error, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE outbox SET next_attempt_at = :at, last_error = :error WHERE id = :id AND state = 'PENDING'""")
                .bind("at", at.toEpochMilli()).bind("error", error).bind("id", id).execute());
    }

    void failed(long id, String error, Instant at) {
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE outbox SET state = 'FAILED', next_attempt_at = :at, last_error = :error
                WHERE id = :id AND state = 'PENDING'""")
                .bind("at", at.toEpochMilli()).bind("error", error).bind("id", id).execute());
    }

    private static Optional<Instant> instant(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        return number(rs, column).map(Instant::ofEpochMilli);
    }

    private static Optional<Long> number(java.sql.ResultSet rs, String column) throws java.sql.SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(v);
    }
}
