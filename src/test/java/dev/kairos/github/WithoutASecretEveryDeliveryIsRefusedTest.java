package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No GITHUB_WEBHOOK_SECRET: nothing can be verified, so every delivery is refused (503, saying what to set), even one
 * signed with what would be a right secret; nothing reaches the inbox.
 */
class WithoutASecretEveryDeliveryIsRefusedTest {
    @TempDir Path dir;

    @Test
    void everyDeliveryIsRefusedWithWhatToSet() throws Exception {
        Intake intake = Intake.open(dir, List.of("Codertocat/Hello-World"), List.of(), Optional.empty(),
                InstantSource.system());
        Examples.Example check = Examples.one("check_run", "completed.payload.json");

        GitHubWebhooks.Answer signed = intake.post(check, "33333333-0000-0000-0000-000000000001");
        GitHubWebhooks.Answer unsigned = intake.post("check_run", check.body(), null, "33333333-0000-0000-0000-000000000002");
        GitHubWebhooks.Answer streamed = intake.webhooks.receive(new GitHubWebhooks.Headers(
                GitHubWebhooks.signature(Intake.SECRET, check.body()), "ping", "33333333-0000-0000-0000-000000000003"),
                check.body().length, new ByteArrayInputStream(check.body()));

        for (GitHubWebhooks.Answer a : List.of(signed, unsigned, streamed)) {
            assertThat(a.status()).isEqualTo(503);
            assertThat(a.message()).contains("GITHUB_WEBHOOK_SECRET is not set");
        }
        assertThat(intake.events()).isZero();
        assertThat(intake.deliveries()).isZero();
    }
}
