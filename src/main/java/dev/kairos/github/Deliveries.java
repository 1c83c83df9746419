package dev.kairos.github;

import dev.kairos.event.Event;
import dev.kairos.event.Inbox;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The X-GitHub-Delivery ids already handled (table github_deliveries), each kept {@link #KEEP}, written in one
 * transaction with the delivery's event, through a {@link KeptConnection}.
 */
final class Deliveries implements AutoCloseable {
    /** GitHub lets a user redeliver a delivery of the last three days; a week covers that with room. */
    static final Duration KEEP = Duration.ofDays(7);

    private final KeptConnection db;

    Deliveries(Jdbi jdbi) {
        this.db = new KeptConnection(jdbi);
    }

    boolean seen(String deliveryId) {
        return db.with(h -> h.createQuery("SELECT 1 FROM github_deliveries WHERE delivery_id = :id")
                .bind("id", deliveryId).mapTo(Integer.class).findOne().isPresent());
    }

    /**
     * In one transaction: stores {@code change} in the inbox unless that change is there already, records the
     * delivery, and forgets deliveries older than {@link #KEEP}. Returns the event when it was new.
     */
    Optional<Event> take(String deliveryId, String event, Optional<Event> change, Instant at) {
        return db.with(h -> h.inTransaction(tx -> {
            Optional<Event> stored = change.flatMap(e -> Inbox.add(tx, e));
            tx.createUpdate("""
                    INSERT OR IGNORE INTO github_deliveries (delivery_id, event, received_at) VALUES (:id, :event, :at)""")
                    .bind("id", deliveryId).bind("event", event).bind("at", at.toEpochMilli()).execute();
            tx.createUpdate("DELETE FROM github_deliveries WHERE received_at < :before")
                    .bind("before", at.minus(KEEP).toEpochMilli()).execute();
            return stored;
        }));
    }

    @Override
    public void close() {
        db.close();
    }
}
