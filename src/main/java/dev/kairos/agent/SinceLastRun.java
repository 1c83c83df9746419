package dev.kairos.agent;

import dev.kairos.event.Trust;
import dev.kairos.event.Untrusted;
import dev.kairos.heartbeat.Task;
import dev.kairos.model.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * What happened since a standing check last ran, for its task's message: the events observed since then and the
 * tasks that ended since, oldest first; the first time, those of the last day. It is what "what changed since the
 * last check" needs, read from Kairos's own records instead of searched for by the model at a call's price. Within
 * the token budget the newest lines are kept and the number left out is said. Someone else's text is fenced, and
 * taints the turn.
 */
final class SinceLastRun {
    /** How far back the first run of a check looks. */
    static final Duration FIRST_LOOK = Duration.ofDays(1);
    private static final DateTimeFormatter SAME_DAY = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);
    private static final DateTimeFormatter OTHER_DAY = DateTimeFormatter.ofPattern("EEE HH:mm", Locale.ROOT);

    private record Line(Instant at, String text, Trust trust) {}

    private final Jdbi jdbi;
    private final ZoneId zone;

    SinceLastRun(Jdbi jdbi, ZoneId zone) {
        this.jdbi = jdbi;
        this.zone = zone;
    }

    TaskBrief.Brief of(Task task, Instant now, int budget) {
        java.util.Optional<Instant> last = lastRun(task);
        Instant since = last.orElse(now.minus(FIRST_LOOK));
        List<Line> lines = new ArrayList<>(events(since, now));
        lines.addAll(tasksEnded(task, since, now));
        lines.sort(Comparator.comparing(Line::at));
        String period = last.isPresent() ? "since this check last ran (" + format(since, now) + ")"
                : "in the last day (since " + OTHER_DAY.format(since.atZone(zone)) + ")";
        if (lines.isEmpty()) return new TaskBrief.Brief("Nothing was observed " + period + ".", false);
        String head = "What happened " + period + ", oldest first:\n";
        int used = Tokens.count(head);
        List<String> kept = new ArrayList<>();
        boolean untrusted = false;
        int from = lines.size();
        while (from > 0) {
            Line l = lines.get(from - 1);
            String shown = l.trust() == Trust.TRUSTED ? l.text() : Untrusted.fence(l.text());
            String rendered = "- " + format(l.at(), now) + " " + shown + "\n";
            int cost = Tokens.count(rendered);
            if (used + cost > budget) break;
            used += cost;
            kept.addFirst(rendered);
            untrusted |= l.trust() != Trust.TRUSTED;
            from--;
        }
        String left = from == 0 ? "" : "(" + from + " earlier " + (from == 1 ? "entry" : "entries")
                + " left out; memory_search finds them)\n";
        return new TaskBrief.Brief(head + left + String.join("", kept), untrusted);
    }

    /** When the same check was last made a task (its previous run). */
    private java.util.Optional<Instant> lastRun(Task task) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT max(created_at) FROM tasks WHERE kind = :kind AND title = :title AND id < :id""")
                .bind("kind", task.kind()).bind("title", task.title()).bind("id", task.id())
                .mapTo(Long.class).findOne().map(Instant::ofEpochMilli));
    }

    /** Events observed in the period, except the schedule's own "a check is due". */
    private List<Line> events(Instant since, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT observed_at, summary, trust FROM events
                        WHERE observed_at > :since AND observed_at <= :now AND kind <> 'check.due'
                        ORDER BY observed_at, id""")
                .bind("since", since.toEpochMilli()).bind("now", now.toEpochMilli())
                .map((rs, ctx) -> new Line(Instant.ofEpochMilli(rs.getLong(1)), rs.getString(2),
                        Trust.valueOf(rs.getString(3))))
                .list());
    }

    /** Other tasks that ended in the period, with the first line of what they left. */
    private List<Line> tasksEnded(Task task, Instant since, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, kind, state, trust, updated_at, detail FROM tasks
                        WHERE updated_at > :since AND updated_at <= :now AND state IN ('DONE', 'FAILED')
                        AND NOT (kind = :kind AND title = :title)
                        ORDER BY updated_at, id""")
                .bind("since", since.toEpochMilli()).bind("now", now.toEpochMilli())
                .bind("kind", task.kind()).bind("title", task.title())
                .map((rs, ctx) -> new Line(Instant.ofEpochMilli(rs.getLong("updated_at")), "task " + rs.getLong("id")
                        + " (" + rs.getString("kind") + ") " + rs.getString("state").toLowerCase(Locale.ROOT) + ": "
                        + firstLine(rs.getString("detail")), Trust.valueOf(rs.getString("trust"))))
                .list());
    }

    private String format(Instant at, Instant now) {
        ZonedDateTime t = at.atZone(zone);
        return (t.toLocalDate().equals(now.atZone(zone).toLocalDate()) ? SAME_DAY : OTHER_DAY).format(t);
    }

    private static String firstLine(String detail) {
        return detail.lines().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
    }
}
