package dev.kairos.notify;

import static dev.kairos.notify.Notification.Priority.NORMAL;
import static dev.kairos.notify.Notification.Priority.URGENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dedupe: a key is sent once, ever; the same title and text under another key is sent once within the window. */
class SameNotificationIsSentOnceTest {
    @TempDir Path dir;
    private final SettableClock clock = SettableClock.at("2026-11-25T10:00:00Z");

    @Test
    void theSameKeyIsSentOnceEvenAfterTheWindowAndARestart() {
        DeliveryFixture f = new DeliveryFixture(dir, clock, DeliveryFixture.rules(null, Duration.ZERO,
                Duration.ofHours(1)));
        assertThat(f.send("Kairos", "the fix is pushed", NORMAL, "task-4:ab")).isEqualTo(Notifications.Sent.QUEUED);
        f.beat();
        clock.advance(Duration.ofDays(2));
        f.restart();
        assertThat(f.send("Kairos", "the fix is pushed", NORMAL, "task-4:ab")).isEqualTo(Notifications.Sent.DUPLICATE);
        assertThat(f.send("Approval 1: run_command", "ls", URGENT, "approval-1")).isEqualTo(Notifications.Sent.NOW);
        assertThat(f.send("Approval 1: run_command", "ls", URGENT, "approval-1"))
                .isEqualTo(Notifications.Sent.DUPLICATE);
        f.beat();
        assertThat(f.notifier.keys()).containsExactly("task-4:ab:test", "approval-1:test");
    }

    @Test
    void theSameTextIsSentOnceWithinTheWindow() {
        DeliveryFixture f = new DeliveryFixture(dir, clock, DeliveryFixture.rules(null, Duration.ZERO,
                Duration.ofHours(1)));
        f.send("Check failed", "nightly backup", NORMAL, "one");
        f.beat();
        clock.advance(Duration.ofMinutes(30));
        assertThat(f.send("Check failed", "nightly backup", NORMAL, "two")).isEqualTo(Notifications.Sent.DUPLICATE);
        assertThat(f.send("Check failed", "weekly backup", NORMAL, "three")).isEqualTo(Notifications.Sent.QUEUED);
        f.beat();
        clock.advance(Duration.ofMinutes(31)); // an hour after the first: the window has passed
        assertThat(f.send("Check failed", "nightly backup", NORMAL, "four")).isEqualTo(Notifications.Sent.QUEUED);
        f.beat();

        assertThat(f.notifier.received()).extracting(Notification::message)
                .containsExactly("nightly backup", "weekly backup", "nightly backup");
    }
}
