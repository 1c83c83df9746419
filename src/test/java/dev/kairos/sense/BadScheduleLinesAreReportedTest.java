package dev.kairos.sense;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kairos.event.Event;
import dev.kairos.store.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class BadScheduleLinesAreReportedTest {
    private static final String EXAMPLES = "; use e.g. 'every 30 minutes', 'daily at 09:00', 'weekdays at 09:00', "
            + "'mondays at 10:00' or a cron expression in backticks";
    private static final String FILE = """
            # Standing checks

            Prose is ignored, even prose with a colon: like this.
            - every 0 minutes: x
            - daily at 25:00: y
            - sometimes: z
            - a bullet without a colon is prose
            - a long bullet that names no schedule: is prose too
            - every 30 minutes: the good item
            <!--
            - sometimes: inside a comment
            -->
            ```
            - sometimes: inside a code block
            ```
            - `0 9 * *`: a cron expression with four fields
            - weekdays at 09:00:
            """;

    @TempDir Path tmp;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(ScheduleSensor.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    @Test
    void badLinesAreReportedWithTheirLineNumbersOncePerVersionAndTheGoodItemStillFires() throws Exception {
        Path heartbeat = Files.writeString(tmp.resolve("HEARTBEAT.md"), FILE);
        ScheduleSensor sensor = new ScheduleSensor(Store.open(tmp.resolve("state.db")).jdbi(), heartbeat,
                ZoneId.of("Europe/Berlin"));

        List<Event> events = new ArrayList<>();
        Instant start = Instant.parse("2026-11-25T08:00:00Z");
        for (int i = 0; i <= 4; i++) events.addAll(sensor.poll(start.plus(Duration.ofMinutes(30L * i))));

        assertThat(sensor.problems()).containsExactly(
                "HEARTBEAT.md:4: cannot read the schedule 'every 0 minutes'" + EXAMPLES,
                "HEARTBEAT.md:5: cannot read the schedule 'daily at 25:00'" + EXAMPLES,
                "HEARTBEAT.md:6: cannot read the schedule 'sometimes'" + EXAMPLES,
                "HEARTBEAT.md:16: cannot read the schedule '`0 9 * *`'" + EXAMPLES,
                "HEARTBEAT.md:17: nothing to check after 'weekdays at 09:00'; say what to check after a colon");
        assertThat(sensor.items()).extracting(ScheduleItem::line, ScheduleItem::schedule, ScheduleItem::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(9, "every 30 minutes", "the good item"));
        assertThat(events).hasSize(4).extracting(Event::summary).containsOnly("the good item");
        assertThat(warnings()).hasSize(5).allSatisfy(w -> assertThat(w).contains("HEARTBEAT.md:"));

        Files.writeString(heartbeat, FILE.replace("- sometimes: z\n", "- every 2 hours: z\n"));
        Files.setLastModifiedTime(heartbeat, FileTime.from(Instant.now().plusSeconds(5)));
        sensor.poll(start.plus(Duration.ofHours(3)));
        sensor.poll(start.plus(Duration.ofHours(4)));

        assertThat(sensor.problems()).hasSize(4).noneMatch(p -> p.contains("sometimes"));
        assertThat(sensor.items()).extracting(ScheduleItem::text).containsExactly("z", "the good item");
        assertThat(warnings()).hasSize(9);
    }
}
