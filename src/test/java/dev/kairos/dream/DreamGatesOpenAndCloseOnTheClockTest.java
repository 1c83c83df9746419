package dev.kairos.dream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The night window, the idle spell, 20 hours apart and enough new material, on the settable clock. */
class DreamGatesOpenAndCloseOnTheClockTest {
    @TempDir Path home;

    @Test
    void gatesFollowTheClockAndTheJournal() {
        DreamFixture f = new DreamFixture(home, "2026-11-25T02:59:00Z");
        Instant evening = Instant.parse("2026-11-24T23:00:00Z");
        for (int d = 20; d <= 23; d++) f.day("2026-11-" + d, evening, "10:00 Caroline: day " + d + " (D" + d + ":1)");
        Dream dream = f.dream();

        assertThat(dream.due().open()).as("before 03:00, last line 4 h ago").isFalse();
        assertThat(dream.due().reason()).contains("night window");

        f.clock.set(Instant.parse("2026-11-25T03:00:00Z"));
        assertThat(dream.due().open()).as("four journal days, five needed").isFalse();
        assertThat(dream.due().reason()).contains("4 journal days");

        f.day("2026-11-24", evening, "10:00 Caroline: day 24 (D24:1)");
        assertThat(dream.due().open()).as("in the window with five days").isTrue();

        f.clock.set(Instant.parse("2026-11-25T06:00:00Z"));
        assertThat(dream.due().open()).as("the window is three hours, idle only 7 hours").isFalse();

        f.clock.set(Instant.parse("2026-11-25T06:00:00Z").plus(Duration.ofHours(2)));
        assertThat(dream.due().open()).as("idle for 9 hours, past idleAfter 8h").isTrue();

        assertThat(dream.runIfDue().outcome()).isEqualTo(DreamReport.Outcome.DREAMT);
        f.clock.set(Instant.parse("2026-11-26T03:30:00Z"));
        assertThat(dream.due().open()).as("19.5 hours after the last dream").isFalse();
        assertThat(dream.due().reason()).contains("20 hours");

        f.clock.set(Instant.parse("2026-11-27T03:30:00Z"));
        assertThat(dream.due().open()).as("no journal day changed since the last dream").isFalse();
        assertThat(dream.due().reason()).contains("not enough new material");
    }
}
