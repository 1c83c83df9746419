package dev.kairos.dream;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** The dreams table: when each dream ran and how it ended; the gates read the last one. */
final class DreamLog {
    private final Jdbi jdbi;

    DreamLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void record(DreamReport r) {
        jdbi.useHandle(h -> h.execute("INSERT INTO dreams (started_at, outcome, commit_id, report) VALUES (?, ?, ?, ?)",
                r.at().toEpochMilli(), r.outcome().name().toLowerCase(java.util.Locale.ROOT), r.commit(), r.message()));
    }

    /** When the last dream that looked at memory started (a dream refused for the lock does not count). */
    Optional<Instant> last() {
        return jdbi.withHandle(h -> h.createQuery("SELECT max(started_at) FROM dreams WHERE outcome <> 'busy'")
                .mapTo(Long.class).findOne().map(Instant::ofEpochMilli));
    }
}
