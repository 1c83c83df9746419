package dev.kairos.notify;

import static dev.kairos.notify.Notification.Priority.LOW;
import static dev.kairos.notify.Notification.Priority.NORMAL;
import static dev.kairos.notify.Notification.Priority.URGENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quiet hours are the user's local hours: normal and low notifications wait through them, durably, and go out as
 * one digest when they end, once, whatever restarts happen; an urgent one goes at once.
 */
class QuietHoursHoldNotificationsForOneDigestTest {
    @TempDir Path dir;
    /** 22:30 in Berlin (UTC+1 in November): inside "22:00-07:00" there, outside it in UTC. */
    private final SettableClock clock = SettableClock.at("2026-11-25T21:30:00Z");

    @Test
    void heldAtNightTheyGoOutAsOneDigestWhenTheQuietHoursEnd() {
        DeliveryFixture f = new DeliveryFixture(dir, clock, DeliveryFixture.rules("22:00-07:00",
                Duration.ofMinutes(1), Duration.ofHours(1)));

        assertThat(f.send("Build", "main is green again", NORMAL, "a")).isEqualTo(Notifications.Sent.HELD);
        clock.advance(Duration.ofMinutes(20));
        assertThat(f.send("Reminder", "water the plants", LOW, "b")).isEqualTo(Notifications.Sent.HELD);
        clock.advance(Duration.ofHours(2));
        assertThat(f.send("Check failed", "nightly backup", NORMAL, "c")).isEqualTo(Notifications.Sent.HELD);
        assertThat(f.beat()).isZero();
        assertThat(f.notifier.received()).as("nothing normal or low during quiet hours").isEmpty();

        assertThat(f.send("Approval 7: run_command", "make deploy", URGENT, "d")).isEqualTo(Notifications.Sent.NOW);
        f.beat();
        assertThat(f.notifier.received()).as("urgent goes at once").singleElement()
                .satisfies(n -> assertThat(n.title()).isEqualTo("Approval 7: run_command"));

        f.restart(); // a restart in the night loses nothing
        clock.set(ZonedDateTime.parse("2026-11-26T06:59:00+01:00[Europe/Berlin]").toInstant());
        assertThat(f.beat()).as("06:59 in Berlin is still quiet").isZero();
        assertThat(f.notifier.received()).hasSize(1);

        clock.set(ZonedDateTime.parse("2026-11-26T07:00:00+01:00[Europe/Berlin]").toInstant());
        assertThat(f.beat()).isEqualTo(3);
        assertThat(f.notifier.received()).hasSize(2);
        Notification digest = f.notifier.received().get(1);
        assertThat(digest.title()).isEqualTo("While you were away: 3 notifications");
        assertThat(digest.message().lines().toList()).containsExactly("22:30 Build: main is green again",
                "22:50 Reminder: water the plants", "00:50 Check failed: nightly backup");
        assertThat(digest.priority()).isEqualTo(NORMAL);
        assertThat(digest.tags()).contains("digest");

        clock.advance(Duration.ofHours(1));
        assertThat(f.beat()).isZero();
        f.restart();
        f.beat();
        assertThat(f.notifier.received()).as("the digest is sent once, even after a restart").hasSize(2);
    }

    @Test
    void outsideQuietHoursANotificationGoesAtTheNextBeatAsItself() {
        DeliveryFixture f = new DeliveryFixture(dir, clock, DeliveryFixture.rules("23:00-07:00",
                Duration.ofMinutes(1), Duration.ofHours(1)));

        assertThat(f.send("Build", "main is green again", NORMAL, "a")).isEqualTo(Notifications.Sent.QUEUED);
        assertThat(f.beat()).isEqualTo(1);
        assertThat(f.notifier.received()).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("Build");
            assertThat(n.message()).isEqualTo("main is green again");
        });
        assertThat(f.notifier.keys()).containsExactly("a:test");
    }
}
