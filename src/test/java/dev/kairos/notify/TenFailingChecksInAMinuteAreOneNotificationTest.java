package dev.kairos.notify;

import static dev.kairos.notify.Notification.Priority.NORMAL;
import static dev.kairos.notify.Notification.Priority.URGENT;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rate limit: at most one normal or low notification per interval; what comes meanwhile (or within one beat)
 * goes out as one when the interval ends. Urgent ones are not held by it.
 */
class TenFailingChecksInAMinuteAreOneNotificationTest {
    @TempDir Path dir;
    private final SettableClock clock = SettableClock.at("2026-11-25T10:00:00Z");

    @Test
    void tenFailuresInOneBeatAreOneNotification() {
        DeliveryFixture f = new DeliveryFixture(dir, clock, DeliveryFixture.rules(null, Duration.ofMinutes(1),
                Duration.ofHours(1)));
        for (int i = 1; i <= 10; i++) {
            assertThat(f.send("Check failed", "test " + i + " failed", NORMAL, "check-" + i))
                    .isEqualTo(Notifications.Sent.QUEUED);
        }
        assertThat(f.beat()).isEqualTo(10);

        assertThat(f.notifier.received()).singleElement().satisfies(n -> {
            assertThat(n.title()).isEqualTo("10 × Check failed");
            assertThat(n.message().lines()).hasSize(10).first().isEqualTo("• test 1 failed");
        });
        clock.advance(Duration.ofMinutes(5));
        f.restart();
        assertThat(f.beat()).isZero();
        assertThat(f.notifier.received()).as("never twice").hasSize(1);
    }

    @Test
    void whatComesWithinTheIntervalWaitsAndGoesOutAsOne() {
        DeliveryFixture f = new DeliveryFixture(dir, clock, DeliveryFixture.rules(null, Duration.ofMinutes(1),
                Duration.ofHours(1)));
        f.send("Check failed", "test 1 failed", NORMAL, "check-1");
        f.beat();
        assertThat(f.notifier.received()).hasSize(1);

        clock.advance(Duration.ofSeconds(10));
        f.send("Check failed", "test 2 failed", NORMAL, "check-2");
        clock.advance(Duration.ofSeconds(10));
        f.send("Deploy", "staging is up", NORMAL, "deploy-1");
        assertThat(f.beat()).as("the minute is not over").isZero();
        f.send("Approval 3: run_command", "make deploy", URGENT, "approval-3");
        f.beat();
        assertThat(f.notifier.received()).as("urgent passes the rate limit").hasSize(2);

        clock.advance(Duration.ofSeconds(40)); // a minute after the first went out
        assertThat(f.beat()).isEqualTo(2);
        assertThat(f.notifier.received()).hasSize(3).last().satisfies(n -> {
            assertThat(n.title()).isEqualTo("2 notifications");
            assertThat(n.message().lines()).containsExactly("• Check failed: test 2 failed", "• Deploy: staging is up");
        });

        clock.advance(Duration.ofSeconds(30));
        f.send("Deploy", "production is up", NORMAL, "deploy-2");
        assertThat(f.beat()).isZero();
        clock.advance(Duration.ofSeconds(30));
        assertThat(f.beat()).isEqualTo(1);
        assertThat(f.notifier.received()).last().satisfies(n -> {
            assertThat(n.title()).as("one alone goes as itself").isEqualTo("Deploy");
            assertThat(n.message()).isEqualTo("production is up");
        });
    }
}
