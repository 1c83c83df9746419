package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery GitHub sends again (same X-GitHub-Delivery), and the same change in two deliveries, make one inbox
 * event; delivery ids are kept a week, then forgotten.
 */
class RedeliveredWebhookActsOnceTest {
    private static final Examples.Example FAILED_CHECK = Examples.one("check_run", "completed.payload.json");

    @TempDir Path dir;

    @Test
    void theSameDeliveryThreeTimesIsOneEvent() {
        Intake intake = Intake.following(dir, List.of("Codertocat/Hello-World"));

        GitHubWebhooks.Answer first = intake.post(FAILED_CHECK, "72d3162e-cc78-11e3-81ab-4c9367dc0958");
        GitHubWebhooks.Answer second = intake.post(FAILED_CHECK, "72d3162e-cc78-11e3-81ab-4c9367dc0958");
        GitHubWebhooks.Answer third = intake.post(FAILED_CHECK, "72d3162e-cc78-11e3-81ab-4c9367dc0958");

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.stored()).isPresent();
        assertThat(List.of(second.status(), third.status())).containsExactly(200, 200);
        assertThat(second.message()).contains("received before");
        assertThat(second.stored()).isEmpty();
        assertThat(intake.events()).isEqualTo(1);
        assertThat(intake.deliveries()).isEqualTo(1);
    }

    @Test
    void theSameChangeUnderTwoDeliveryIdsIsOneEvent() {
        Intake intake = Intake.following(dir, List.of("Codertocat/Hello-World"));

        GitHubWebhooks.Answer first = intake.post(FAILED_CHECK, "11111111-0000-0000-0000-000000000001");
        GitHubWebhooks.Answer again = intake.post(FAILED_CHECK, "11111111-0000-0000-0000-000000000002");

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.message()).contains("in the inbox already");
        assertThat(intake.events()).isEqualTo(1);
        assertThat(intake.deliveries()).isEqualTo(2);
    }

    @Test
    void deliveryIdsAreForgottenAfterAWeek() {
        SettableClock clock = SettableClock.at("2026-11-20T10:00:00Z");
        Intake intake = Intake.open(dir, List.of("Codertocat/Hello-World"), List.of(), Optional.of(Intake.SECRET),
                clock);
        intake.post(FAILED_CHECK, "22222222-0000-0000-0000-000000000001");
        clock.advance(Duration.ofDays(6));
        intake.post(Examples.one("push", "payload.json"), "22222222-0000-0000-0000-000000000002");
        assertThat(intake.deliveries()).isEqualTo(2);

        clock.advance(Duration.ofDays(2)); // the first is 8 days old now, the second 2
        intake.post(Examples.one("issues", "opened.payload.json"), "22222222-0000-0000-0000-000000000003");

        assertThat(intake.deliveries()).isEqualTo(2);
        assertThat(intake.events()).isEqualTo(3);
    }
}
