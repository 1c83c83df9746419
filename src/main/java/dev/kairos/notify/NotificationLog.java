package dev.kairos.notify;

import dev.kairos.json.Json;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The notifications table: one row per notification asked for, under its key. Every call runs in the caller's
 * transaction, so a decision, its outbox effects and the rows it releases commit together.
 */
final class NotificationLog {
    enum State { HELD, SENT, DUPLICATE }

    /** Why a notification waits: quiet hours (it goes in their digest) or the rate limit (coalesced). */
    enum Hold { QUIET, RATE }

    /** A held notification. */
    record Held(long id, String key, Notification notification, Hold hold, Instant createdAt) {}

    private NotificationLog() {}

    static boolean known(Handle h, String key) {
        return h.createQuery("SELECT count(*) FROM notifications WHERE idempotency_key = :key")
                .bind("key", key).mapTo(Integer.class).one() > 0;
    }

    /** Whether the same text was sent or held (not merely dropped as a duplicate) after {@code since}. */
    static boolean sameTextAfter(Handle h, String fingerprint, Instant since) {
        return h.createQuery("""
                SELECT count(*) FROM notifications WHERE fingerprint = :fp AND created_at > :since
                AND state <> 'DUPLICATE'""")
                .bind("fp", fingerprint).bind("since", since.toEpochMilli()).mapTo(Integer.class).one() > 0;
    }

    /** Records a decision; a SENT row is released at {@code now} under its own key. */
    static void insert(Handle h, String key, String fingerprint, Notification n, State state, Hold hold,
            Instant now) {
        boolean sent = state == State.SENT;
        h.createUpdate("""
                INSERT INTO notifications (idempotency_key, fingerprint, priority, payload, state, hold, created_at,
                                           released_at, sent_as)
                VALUES (:key, :fp, :priority, :payload, :state, :hold, :now, :released, :sentAs)""")
                .bind("key", key).bind("fp", fingerprint).bind("priority", n.priority().name())
                .bind("payload", Json.write(n)).bind("state", state.name()).bind("hold", hold == null ? null
                        : hold.name()).bind("now", now.toEpochMilli()).bind("released", sent ? now.toEpochMilli()
                        : null).bind("sentAs", sent ? key : null).execute();
    }

    /** Everything held, oldest first. */
    static List<Held> held(Handle h) {
        return h.createQuery("SELECT * FROM notifications WHERE state = 'HELD' ORDER BY id")
                .map((rs, ctx) -> new Held(rs.getLong("id"), rs.getString("idempotency_key"),
                        read(rs.getString("payload")), Hold.valueOf(rs.getString("hold")),
                        Instant.ofEpochMilli(rs.getLong("created_at")))).list();
    }

    /** When the last normal or low notification went out: the rate limit counts from there. */
    static Optional<Instant> lastPaced(Handle h) {
        return h.createQuery("""
                SELECT max(released_at) FROM notifications WHERE priority <> 'URGENT' AND released_at IS NOT NULL""")
                .mapTo(Long.class).findOne().map(Instant::ofEpochMilli);
    }

    /** Marks held rows as gone out under {@code sentAs}; returns how many were still held. */
    static int release(Handle h, List<Long> ids, String sentAs, Instant now) {
        return h.createUpdate("""
                UPDATE notifications SET state = 'SENT', released_at = :now, sent_as = :sentAs
                WHERE id IN (<ids>) AND state = 'HELD'""")
                .bindList("ids", ids).bind("now", now.toEpochMilli()).bind("sentAs", sentAs).execute();
    }

    private static Notification read(String payload) {
        try {
            return Json.MAPPER.readValue(payload, Notification.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("notifications.payload holds no notification: " + e.getOriginalMessage(),
                    e);
        }
    }
}
