package dev.kairos.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A push service is a third party: a token in a notification's title or text is redacted before it is recorded. */
class SecretsNeverLeaveInANotificationTest {
    private static final String TOKEN = "ghp_" + "abcdefghijklmnopqrstuvwxyz0123456789";

    @TempDir Path dir;

    @Test
    void aTokenIsRedactedFromTitleAndText() {
        DeliveryFixture f = new DeliveryFixture(dir, SettableClock.at("2026-11-25T10:00:00Z"),
                DeliveryFixture.rules(null, Duration.ofMinutes(1), Duration.ofHours(1)));
        f.send("Pushed with " + TOKEN, "used GITHUB_TOKEN=" + TOKEN + " \u001b[31mdone", Notification.Priority.NORMAL,
                "k");
        f.beat();
        assertThat(f.notifier.received()).singleElement().satisfies(n -> {
            assertThat(n.title() + n.message()).doesNotContain(TOKEN).contains("[REDACTED]");
            assertThat(n.message()).doesNotContain("\u001b");
        });
    }
}
