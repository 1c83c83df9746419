package dev.kairos.github;

import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Jdbi;

/** The X-GitHub-Delivery ids already handled (table github_deliveries), each kept {@link #KEEP}. */
final class Deliveries {
    /** GitHub lets a user redeliver a delivery of the last three days; a week covers that with room. */
    static final Duration KEEP = Duration.ofDays(7);

    private final Jdbi jdbi;

    Deliveries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    boolean seen(String deliveryId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT 1 FROM github_deliveries WHERE delivery_id = :id")
                .bind("id", deliveryId).mapTo(Integer.class).findOne().isPresent());
    }

    /** Records a handled delivery and forgets those older than {@link #KEEP}, in one transaction. */
    void record(String deliveryId, String event, Instant at) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                    INSERT OR IGNORE INTO github_deliveries (delivery_id, event, received_at) VALUES (:id, :event, :at)""")
                    .bind("id", deliveryId).bind("event", event).bind("at", at.toEpochMilli()).execute();
            h.createUpdate("DELETE FROM github_deliveries WHERE received_at < :before")
                    .bind("before", at.minus(KEEP).toEpochMilli()).execute();
        });
    }
}
