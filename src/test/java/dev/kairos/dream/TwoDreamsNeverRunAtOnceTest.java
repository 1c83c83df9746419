package dev.kairos.dream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** While a live process holds the dream lock, a dream and an undo are turned away and write nothing. */
class TwoDreamsNeverRunAtOnceTest {
    @TempDir Path home;

    @Test
    void aHeldLockTurnsTheSecondDreamAway() {
        DreamFixture f = new DreamFixture(home, "2026-11-25T03:00:00Z");
        f.day("2026-11-24", Instant.parse("2026-11-24T22:00:00Z"), "09:00 Caroline: I adopted a cat named Luna. (D1:1)");
        Map<String, String> before = f.files();
        DreamLock first = DreamLock.of(f.home.resolve("dream.lock"));
        assertThat(first.acquire(f.clock.instant()).held()).isPresent();

        DreamReport second = f.dream().run(false);
        assertThat(second.outcome()).isEqualTo(DreamReport.Outcome.BUSY);
        assertThat(second.reason()).contains("a dream is running (pid " + ProcessHandle.current().pid());
        assertThat(f.dream().undo().done()).isFalse();
        assertThat(f.files()).isEqualTo(before);
        assertThat(Files.exists(f.home.resolve("dream.lock"))).as("the turned-away dream left the lock alone").isTrue();

        first.release();
        assertThat(f.dream().run(false).outcome()).isEqualTo(DreamReport.Outcome.DREAMT);
    }

    @Test
    void aDeadOwnersLockIsTakenOver() throws Exception {
        DreamFixture f = new DreamFixture(home, "2026-11-25T03:00:00Z");
        f.day("2026-11-24", Instant.parse("2026-11-24T22:00:00Z"), "09:00 Caroline: I adopted a cat named Luna. (D1:1)");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(f.home.resolve("dream.lock"), "pid=" + gone.pid() + "\nstarted=2026-11-24T03:00:00Z\n");

        assertThat(f.dream().run(false).outcome()).isEqualTo(DreamReport.Outcome.DREAMT);
        assertThat(Files.exists(f.home.resolve("dream.lock"))).isFalse();
    }
}
