package dev.kairos.sense;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.event.Event;
import dev.kairos.store.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A line of HEARTBEAT.md that is not UTF-8 (one byte saved as Latin-1) is reported with its number and skipped; the
 * other standing checks keep firing, instead of the whole file failing with "Input length = 1".
 */
class OneBadByteKeepsTheOtherChecksTest {
    private static final String NOT_UTF8 = "HEARTBEAT.md:3: not UTF-8 (a byte that is not valid UTF-8, as in a file "
            + "saved as Latin-1 or Windows-1252); this line is skipped until the file is saved as UTF-8";

    @TempDir Path tmp;

    @Test
    void theBadLineIsReportedAndTheOthersFire() throws Exception {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes("# Standing checks\n- every 30 minutes: the first check\n".getBytes(StandardCharsets.UTF_8));
        file.writeBytes("- every 30 minutes: ask the caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
        file.writeBytes("- every hour: the last check, na\u00efve but UTF-8\n".getBytes(StandardCharsets.UTF_8));
        Path heartbeat = Files.write(tmp.resolve("HEARTBEAT.md"), file.toByteArray());
        ScheduleSensor sensor = new ScheduleSensor(Store.open(tmp.resolve("state.db")).jdbi(), heartbeat,
                ZoneId.of("UTC"));

        List<Event> events = new ArrayList<>();
        Instant start = Instant.parse("2026-11-25T08:00:00Z");
        for (int i = 0; i <= 4; i++) events.addAll(sensor.poll(start.plus(Duration.ofMinutes(30L * i))));

        assertThat(sensor.problems()).containsExactly(NOT_UTF8);
        assertThat(sensor.items()).extracting(ScheduleItem::text)
                .containsExactly("the first check", "the last check, na\u00efve but UTF-8");
        // armed at 08:00; every 30 minutes fires at 08:30 ... 10:00, every hour at 09:00 and 10:00
        assertThat(events).extracting(Event::summary).containsExactly("the first check", "the first check",
                "the last check, na\u00efve but UTF-8", "the first check", "the first check",
                "the last check, na\u00efve but UTF-8");
        assertThat(ScheduleSensor.problemsIn(heartbeat)).as("what `kairos status` shows").containsExactly(NOT_UTF8);
    }
}
