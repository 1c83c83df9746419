package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A delivery over GitHub's 25 MB is refused with 413: unread when its declared length says so, and while reading
 * when a body without one turns out larger.
 */
class OversizedDeliveryIsRefusedTest {
    @TempDir Path dir;

    @Test
    void aBodyOverTwentyFiveMegabytesIsRefusedUnread() throws Exception {
        Intake intake = Intake.following(dir, List.of("Codertocat/Hello-World"));
        GitHubWebhooks.Headers headers = new GitHubWebhooks.Headers("sha256=" + "0".repeat(64), "push",
                "44444444-0000-0000-0000-000000000001");
        ByteArrayInputStream body = new ByteArrayInputStream(new byte[16]);

        GitHubWebhooks.Answer declared = intake.webhooks.receive(headers, GitHubWebhooks.MAX_BODY + 1L, body);
        GitHubWebhooks.Answer found = intake.webhooks.receive(headers, -1,
                new ByteArrayInputStream(new byte[GitHubWebhooks.MAX_BODY + 10]));

        assertThat(declared.status()).isEqualTo(413);
        assertThat(body.available()).as("not a byte read").isEqualTo(16);
        assertThat(found.status()).isEqualTo(413);
        assertThat(intake.events()).isZero();
    }
}
