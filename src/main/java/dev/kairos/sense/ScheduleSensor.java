package dev.kairos.sense;

import dev.kairos.json.Json;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Standing checks from HEARTBEAT.md, and those the agent set with its schedule tool ({@link Schedules}), come due
 * ({@code check.due}). Each item of HEARTBEAT.md is a markdown bullet
 * {@code - SCHEDULE: what to check}, where SCHEDULE is one of
 * <ul>
 *   <li>{@code every N minutes}, {@code every N hours}, {@code every minute}, {@code every hour}: counted from when
 *       the item was first seen;
 *   <li>{@code daily at HH:MM} (or {@code every day at HH:MM}), {@code weekdays at HH:MM}, {@code weekends at HH:MM},
 *       {@code mondays at HH:MM} ... {@code sundays at HH:MM}: local time in the configured zone;
 *   <li>a five-field cron expression in backticks, e.g. {@code `0 9 * * 1-5`} (minute hour day month weekday).
 * </ul>
 * A local time that a daylight-saving change skips fires at the shifted time (02:30 becomes 03:30); one that
 * happens twice fires once. A new item is armed when first seen (nothing fires for the past); fires missed while
 * Kairos was down come as one event. Headings, prose, comments and bullets without "SCHEDULE:" are ignored; a
 * bullet that starts like a schedule but cannot be read is reported once per version of the file (see
 * {@link #problems()}) and the other items keep working. {@link #grammar()} says the same for the README.
 */
public final class ScheduleSensor implements Sensor {
    private static final Logger log = LoggerFactory.getLogger(ScheduleSensor.class);
    private static final String LAST = "last:";

    private record Version(long modifiedMillis, long size) {}

    private final StagedState state;
    private final Schedules stored;
    private final Path file;
    private final ZoneId zone;
    private Version version;
    private volatile List<HeartbeatFile.Entry> entries = List.of();
    private volatile List<String> problems = List.of();

    public ScheduleSensor(Jdbi jdbi, Path heartbeatFile, ZoneId zone) {
        this.state = new StagedState(new SensorState(jdbi, name()));
        this.stored = new Schedules(jdbi, zone);
        this.file = heartbeatFile;
        this.zone = zone;
    }

    /** What is wrong in a HEARTBEAT.md, without running anything (for `kairos status` while no agent runs). */
    public static List<String> problemsIn(Path heartbeatFile) {
        try {
            if (!java.nio.file.Files.exists(heartbeatFile)) return List.of();
            return HeartbeatFile.parse(heartbeatFile.getFileName().toString(), Utf8Lines.read(heartbeatFile))
                    .problems();
        } catch (java.io.IOException e) {
            return List.of(heartbeatFile + ": cannot read: " + e.getMessage());
        }
    }

    /** The schedule grammar, for the README and {@code kairos init}'s HEARTBEAT.md. */
    public static String grammar() {
        return """
                Each standing check is a bullet in HEARTBEAT.md: `- SCHEDULE: what to check`. SCHEDULE is one of:
                  every N minutes | every N hours | every minute | every hour   (counted from when Kairos first sees the line)
                  daily at HH:MM | weekdays at HH:MM | weekends at HH:MM
                  mondays at HH:MM ... sundays at HH:MM
                  `m h dom mon dow`   a five-field cron expression in backticks, e.g. `0 9 * * 1-5`
                Times are local. A time skipped by a daylight-saving change fires at the shifted time; a time that
                happens twice fires once. Fires missed while Kairos was down come as one. Other lines are ignored;
                a bullet whose schedule cannot be read is reported by `kairos status` and skipped.
                Example:
                  - weekdays at 09:00: summarise new issues in my repositories
                  - every 2 hours: check that the staging site answers
                """;
    }

    @Override
    public String name() {
        return "schedule";
    }

    @Override
    public List<Event> poll(Instant now) {
        state.commit();
        reloadIfChanged();
        List<Event> events = new ArrayList<>();
        for (HeartbeatFile.Entry entry : entries) {
            String key = LAST + entry.item().id();
            Optional<Instant> last = state.get(key).flatMap(ScheduleSensor::instant);
            if (last.isEmpty()) { // first sight: armed from now, nothing fires for the past
                state.put(key, Long.toString(now.toEpochMilli()));
                continue;
            }
            entry.schedule().lastDue(last.get(), now, zone).ifPresent(due -> {
                events.add(due(entry.item(), due, now));
                state.put(key, Long.toString(due.toEpochMilli()));
            });
        }
        if (events.isEmpty()) state.commit();
        events.addAll(stored.poll(now));
        return events;
    }

    /** What is wrong with HEARTBEAT.md now, one line per problem with its line number. */
    public List<String> problems() {
        return problems;
    }

    /** The items read from HEARTBEAT.md at the last poll. */
    public List<ScheduleItem> items() {
        return entries.stream().map(HeartbeatFile.Entry::item).toList();
    }

    private void reloadIfChanged() {
        Version now;
        try {
            now = new Version(Files.getLastModifiedTime(file).toMillis(), Files.size(file));
        } catch (NoSuchFileException e) {
            now = null;
        } catch (IOException e) {
            now = new Version(-1, -1);
        }
        if (Objects.equals(now, version)) return;
        version = now;
        HeartbeatFile.Parsed parsed;
        if (now == null) {
            parsed = new HeartbeatFile.Parsed(List.of(), List.of());
        } else {
            try {
                parsed = HeartbeatFile.parse(file.getFileName().toString(), Utf8Lines.read(file));
            } catch (IOException e) {
                parsed = new HeartbeatFile.Parsed(List.of(), List.of("cannot read " + file + ": " + e.getMessage()));
            }
        }
        parsed.problems().forEach(p -> log.warn("schedule problem: {}", p));
        entries = parsed.entries();
        problems = parsed.problems();
        if (now != null) forgetRemovedItems(); // a file briefly missing while an editor saves it forgets nothing
    }

    /** An item taken out of the file and later put back starts afresh instead of firing for the time between. */
    private void forgetRemovedItems() {
        Set<String> current = new HashSet<>();
        entries.forEach(e -> current.add(LAST + e.item().id()));
        state.withPrefix(LAST).keySet().stream().filter(k -> !current.contains(k)).forEach(state::remove);
    }

    private static Optional<Instant> instant(String epochMillis) {
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(epochMillis)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Event due(ScheduleItem item, Instant due, Instant now) {
        String payload = Json.write(Json.object().put("line", item.line()).put("text", item.text())
                .put("schedule", item.schedule()).put("dueAt", due.toString()));
        return Event.observed("schedule", "check.due", item.id() + "@" + due, now, Trust.TRUSTED, item.text(),
                payload);
    }
}
