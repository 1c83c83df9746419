package dev.kairos.sense;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.event.Event;
import dev.kairos.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScheduleFiresAtLocalTimesTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir Path tmp;
    private Jdbi jdbi;
    private Path heartbeat;

    @BeforeEach
    void setUp() {
        jdbi = Store.open(tmp.resolve("state.db")).jdbi();
        heartbeat = tmp.resolve("HEARTBEAT.md");
    }

    private ScheduleSensor sensor(String... items) {
        write(items);
        return new ScheduleSensor(jdbi, heartbeat, BERLIN);
    }

    private void write(String... items) {
        try {
            Files.writeString(heartbeat, "# Standing checks\n\n" + String.join("\n", items) + "\n");
            FileTime previous = Files.getLastModifiedTime(heartbeat);
            Files.setLastModifiedTime(heartbeat, FileTime.fromMillis(previous.toMillis() + 1000));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls every {@code step} from {@code from} (which arms the items) to {@code to}, inclusive. */
    private static List<Event> run(ScheduleSensor sensor, String from, String to, Duration step) {
        Instant end = local(to);
        List<Event> events = new ArrayList<>();
        for (Instant now = local(from); !now.isAfter(end); now = now.plus(step)) events.addAll(sensor.poll(now));
        return events;
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(BERLIN).toInstant();
    }

    private static List<String> localDueTimes(List<Event> events, String text) {
        return events.stream().filter(e -> e.summary().equals(text))
                .map(e -> dueAt(e).atZone(BERLIN).toOffsetDateTime().toString()).toList();
    }

    private static Instant dueAt(Event e) {
        try {
            return Instant.parse(new ObjectMapper().readTree(e.payload()).get("dueAt").asText());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Test
    void dailyAndWeekdayItemsFireOnceADayAtNineAcrossTheSpringChange() {
        ScheduleSensor sensor = sensor("- daily at 09:00: daily check", "- weekdays at 09:00: weekday check");

        List<Event> events = run(sensor, "2026-03-27T00:00", "2026-03-31T23:55", Duration.ofMinutes(5));

        assertThat(localDueTimes(events, "daily check")).containsExactly("2026-03-27T09:00+01:00",
                "2026-03-28T09:00+01:00", "2026-03-29T09:00+02:00", "2026-03-30T09:00+02:00",
                "2026-03-31T09:00+02:00");
        assertThat(localDueTimes(events, "weekday check")).containsExactly("2026-03-27T09:00+01:00",
                "2026-03-30T09:00+02:00", "2026-03-31T09:00+02:00");
    }

    @Test
    void dailyAndWeekdayItemsFireOnceADayAtNineAcrossTheAutumnChange() {
        ScheduleSensor sensor = sensor("- daily at 09:00: daily check", "- weekdays at 09:00: weekday check");

        List<Event> events = run(sensor, "2026-10-23T00:00", "2026-10-27T23:55", Duration.ofMinutes(5));

        assertThat(localDueTimes(events, "daily check")).containsExactly("2026-10-23T09:00+02:00",
                "2026-10-24T09:00+02:00", "2026-10-25T09:00+01:00", "2026-10-26T09:00+01:00",
                "2026-10-27T09:00+01:00");
        assertThat(localDueTimes(events, "weekday check")).containsExactly("2026-10-23T09:00+02:00",
                "2026-10-26T09:00+01:00", "2026-10-27T09:00+01:00");
    }

    @Test
    void aTimeInTheSpringGapFiresOnceAtTheShiftedTime() {
        ScheduleSensor sensor = sensor("- daily at 02:30: night check", "- `30 2 * * *`: cron night check");

        List<Event> events = run(sensor, "2026-03-28T12:00", "2026-03-29T12:00", Duration.ofMinutes(5));

        assertThat(localDueTimes(events, "night check")).containsExactly("2026-03-29T03:30+02:00");
        assertThat(localDueTimes(events, "cron night check")).containsExactly("2026-03-29T03:30+02:00");
        assertThat(events.getFirst().observedAt()).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }

    @Test
    void aTimeInTheAutumnOverlapFiresOnce() {
        ScheduleSensor sensor = sensor("- daily at 02:30: night check", "- `30 2 * * *`: cron night check");

        List<Event> events = new ArrayList<>();
        Instant end = Instant.parse("2026-10-25T10:00:00Z");
        for (Instant now = Instant.parse("2026-10-24T10:00:00Z"); !now.isAfter(end); now = now.plusSeconds(300)) {
            events.addAll(sensor.poll(now));
        }

        assertThat(localDueTimes(events, "night check")).containsExactly("2026-10-25T02:30+02:00");
        assertThat(localDueTimes(events, "cron night check")).containsExactly("2026-10-25T02:30+02:00");
    }

    @Test
    void everyThirtyMinutesFiresFortyEightTimesADay() {
        ScheduleSensor sensor = sensor("- every 30 minutes: glance at the build");

        List<Event> events = run(sensor, "2026-11-25T00:00", "2026-11-26T00:00", Duration.ofMinutes(30));

        assertThat(events).hasSize(48);
        assertThat(events).extracting(Event::key).doesNotHaveDuplicates();
        assertThat(events).allSatisfy(e -> {
            assertThat(e.source()).isEqualTo("schedule");
            assertThat(e.kind()).isEqualTo("check.due");
            assertThat(e.summary()).isEqualTo("glance at the build");
            assertThat(e.key()).isEqualTo(sensor.items().getFirst().id() + "@" + dueAt(e));
        });
    }

    @Test
    void aCronItemFiresWhenItsExpressionMatches() throws Exception {
        ScheduleSensor sensor = sensor("- `0 9 * * 1-5`: weekday morning", "- `0 */6 * * *`: four times a day");

        List<Event> events = run(sensor, "2026-11-23T00:00", "2026-11-29T23:59", Duration.ofMinutes(15));

        assertThat(localDueTimes(events, "weekday morning")).containsExactly("2026-11-23T09:00+01:00",
                "2026-11-24T09:00+01:00", "2026-11-25T09:00+01:00", "2026-11-26T09:00+01:00",
                "2026-11-27T09:00+01:00");
        assertThat(localDueTimes(events, "four times a day")).hasSize(7 * 4 - 1)
                .startsWith("2026-11-23T06:00+01:00", "2026-11-23T12:00+01:00");
        var payload = new ObjectMapper().readTree(events.getFirst().payload());
        assertThat(payload.get("schedule").asText()).isEqualTo("`0 */6 * * *`");
        assertThat(payload.get("line").asInt()).isEqualTo(4);
        assertThat(payload.get("text").asText()).isEqualTo("four times a day");
    }

    @Test
    void aNewItemIsArmedWhenFirstSeenAndDoesNotFireForThePast() {
        ScheduleSensor sensor = sensor("- daily at 09:00: morning");

        assertThat(run(sensor, "2026-11-25T10:00", "2026-11-25T23:00", Duration.ofMinutes(10))).isEmpty();
        assertThat(run(sensor, "2026-11-26T08:50", "2026-11-26T09:10", Duration.ofMinutes(10))).hasSize(1);
    }

    @Test
    void firesMissedWhileDownComeAsOne() {
        ScheduleSensor sensor = sensor("- daily at 09:00: morning", "- every 30 minutes: often");
        sensor.poll(local("2026-11-23T08:00"));

        ScheduleSensor restarted = new ScheduleSensor(jdbi, heartbeat, BERLIN);
        List<Event> events = restarted.poll(local("2026-11-25T10:10"));

        assertThat(localDueTimes(events, "morning")).containsExactly("2026-11-25T09:00+01:00");
        assertThat(localDueTimes(events, "often")).containsExactly("2026-11-25T10:00+01:00");
        assertThat(restarted.poll(local("2026-11-25T10:20"))).isEmpty();
        assertThat(restarted.poll(local("2026-11-25T10:30"))).hasSize(1);
    }

    @Test
    void editingTheFileAddsAndRemovesItems() {
        ScheduleSensor sensor = sensor("- every hour: a");
        sensor.poll(local("2026-11-25T10:00"));
        assertThat(sensor.items()).extracting(ScheduleItem::text).containsExactly("a");

        write("- every hour: a", "- every hour: b");
        sensor.poll(local("2026-11-25T10:30"));
        assertThat(sensor.items()).extracting(ScheduleItem::text).containsExactly("a", "b");
        List<Event> events = sensor.poll(local("2026-11-25T11:00"));

        assertThat(events).extracting(Event::summary).containsExactly("a");
        assertThat(sensor.poll(local("2026-11-25T11:30"))).extracting(Event::summary).containsExactly("b");
    }
}
