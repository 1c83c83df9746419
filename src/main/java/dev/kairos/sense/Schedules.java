package dev.kairos.sense;

import dev.kairos.json.Json;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Reminders and recurring checks set with the agent's {@code schedule} tool, kept in the store. The schedule sensor
 * fires them like the checks in HEARTBEAT.md ({@code check.due}): a reminder once, after which it is done; a
 * recurring check each time it comes due, counted from when it was set. As with the sensors' own state, a fire is
 * recorded only at the next poll, when its event is in the inbox; a crash in between repeats the event, which the
 * inbox drops by its key.
 */
public final class Schedules {
    /** A reminder {@code at} a time, or a check {@code every} (HEARTBEAT.md words): exactly one is null. */
    public record Entry(long id, String text, Instant at, String every, Trust trust, String setBy, Instant createdAt,
            Instant lastDue) {
        /** "in 2h" became a time; a recurring check keeps its words. */
        public String when() {
            return at != null ? "at " + at : every;
        }
    }

    private record Fired(long id, Instant due, boolean once, Instant at) {}

    private static final RowMapper<Entry> ENTRY = (rs, ctx) -> new Entry(rs.getLong("id"), rs.getString("text"),
            rs.getObject("at") == null ? null : Instant.ofEpochMilli(rs.getLong("at")), rs.getString("every"),
            Trust.valueOf(rs.getString("trust")), rs.getString("set_by"),
            Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("last_due")));

    private final Jdbi jdbi;
    private final ZoneId zone;
    private final List<Fired> reported = new ArrayList<>();

    public Schedules(Jdbi jdbi, ZoneId zone) {
        this.jdbi = jdbi;
        this.zone = zone;
    }

    /**
     * Stores a reminder or a recurring check. Throws IllegalArgumentException, saying what is allowed, when both or
     * neither of {@code at} and {@code every} are given, or {@code every} is not in the HEARTBEAT.md grammar.
     */
    public Entry add(String text, Optional<Instant> at, Optional<String> every, Trust trust, String setBy, Instant now) {
        if (at.isPresent() == every.isPresent()) throw new IllegalArgumentException("give exactly one of at and every");
        if (every.isPresent() && Schedule.parse(every.get()).isEmpty()) {
            throw new IllegalArgumentException("cannot read the schedule '" + every.get() + "'; "
                    + HeartbeatFile.EXAMPLES);
        }
        long id = jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO schedules (text, at, every, trust, set_by, created_at, last_due)
                        VALUES (:text, :at, :every, :trust, :by, :now, :now)""")
                .bind("text", text).bind("at", at.map(Instant::toEpochMilli).orElse(null))
                .bind("every", every.orElse(null)).bind("trust", trust.name()).bind("by", setBy)
                .bind("now", now.toEpochMilli()).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        return new Entry(id, text, at.orElse(null), every.orElse(null), trust, setBy, now, now);
    }

    /** Those not done: recurring checks, and reminders that have not fired yet; oldest first. */
    public List<Entry> active() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM schedules WHERE done_at IS NULL ORDER BY id")
                .map(ENTRY).list());
    }

    /** What is due at {@code now}, one event each; records what the previous poll reported first. */
    List<Event> poll(Instant now) {
        recordReported();
        List<Event> events = new ArrayList<>();
        for (Entry e : active()) {
            Optional<Instant> due = e.at() != null
                    ? Optional.of(e.at()).filter(at -> !at.isAfter(now))
                    : Schedule.parse(e.every()).flatMap(s -> s.lastDue(e.lastDue(), now, zone));
            if (due.isEmpty()) continue;
            events.add(event(e, due.get(), now));
            reported.add(new Fired(e.id(), due.get(), e.at() != null, now));
        }
        return events;
    }

    private void recordReported() {
        if (reported.isEmpty()) return;
        jdbi.useTransaction(h -> {
            for (Fired f : reported) {
                // a reminder is done once it fired; a recurring check remembers when, to count from there
                h.createUpdate("UPDATE schedules SET last_due = :due, done_at = :done WHERE id = :id")
                        .bind("due", f.due().toEpochMilli()).bind("done", f.once() ? f.at().toEpochMilli() : null)
                        .bind("id", f.id()).execute();
            }
        });
        reported.clear();
    }

    private static Event event(Entry e, Instant due, Instant now) {
        String payload = Json.write(Json.object().put("schedule", e.when()).put("text", e.text())
                .put("dueAt", due.toString()).put("setBy", e.setBy()).put("scheduleId", e.id()));
        String summary = (e.at() != null ? "Reminder (set by " + e.setBy() + "): " : "") + e.text();
        return Event.observed("schedule", "check.due", "set-" + e.id() + "@" + due.toEpochMilli(), now, e.trust(),
                summary, payload);
    }
}
