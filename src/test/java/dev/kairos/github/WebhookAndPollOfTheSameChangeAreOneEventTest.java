package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.config.GitHubSettings;
import dev.kairos.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A failing check run that GitHub both delivers by webhook and shows to a poll is one inbox event, whichever comes
 * first: the webhook's payload (GitHub's own example, pointed at the same run) and the poll's normalise to one key.
 */
class WebhookAndPollOfTheSameChangeAreOneEventTest {
    private static final Path EXAMPLE = Path.of("../shared/data/github-webhooks/payload-examples/check_run/"
            + "completed.payload.json");

    @TempDir Path dir;

    @Test
    void aPollAfterTheWebhookAddsNothing() throws Exception {
        try (PollFixture f = new PollFixture(dir)) {
            Sides both = new Sides(f);
            f.poll(both.poller);
            String sha = f.repo.commit("break the build");
            long id = f.repo.checkRun(sha, "build", "failure");

            GitHubWebhooks.Answer hook = both.deliver(id, sha);
            assertThat(hook.status()).isEqualTo(202);
            assertThat(both.checkRuns()).isEqualTo(1);

            f.clock.advance(PollFixture.EVERY);
            f.poll(both.poller);
            assertThat(both.checkRuns()).isEqualTo(1);
            assertThat(both.polled).isEqualTo(1);
        }
    }

    @Test
    void aWebhookAfterThePollAddsNothing() throws Exception {
        try (PollFixture f = new PollFixture(dir)) {
            Sides both = new Sides(f);
            f.poll(both.poller);
            String sha = f.repo.commit("break the build");
            long id = f.repo.checkRun(sha, "build", "failure");
            f.clock.advance(PollFixture.EVERY);
            f.poll(both.poller);
            assertThat(both.polled).isEqualTo(1);
            assertThat(both.checkRuns()).isEqualTo(1);

            GitHubWebhooks.Answer hook = both.deliver(id, sha);
            assertThat(hook.stored()).isEmpty();
            assertThat(both.checkRuns()).isEqualTo(1);
        }
    }

    /** The real normaliser behind both the poller and the webhook intake, on the fixture's store. */
    private static final class Sides {
        final GitHubPoller poller;
        final GitHubWebhooks webhooks;
        final dev.kairos.store.Store store;
        /** Check-run deliveries the poller made (it also reports the push). */
        int polled;

        int checkRuns() {
            return store.jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM events WHERE kind = 'github.check_run'").mapTo(Integer.class).one());
        }

        Sides(PollFixture f) {
            Subscriptions followed = new Subscriptions(f.store.jdbi(),
                    List.of(new GitHubSettings.Repo("octo/app", Optional.empty())));
            Normaliser normaliser = new Normaliser(followed::followed, List.of(), f.clock);
            this.store = f.store;
            poller = new GitHubPoller(f.settings::repos, d -> {
                if (d.event().equals("check_run")) polled++;
                return normaliser.apply(d);
            }, f.store.jdbi(), f.clock, f.settings);
            webhooks = new GitHubWebhooks(Optional.of(Intake.SECRET), normaliser, f.store.jdbi(), f.clock);
        }

        /** GitHub's example check_run delivery, for run {@code id} at {@code sha} of octo/app, signed. */
        GitHubWebhooks.Answer deliver(long id, String sha) throws Exception {
            ObjectNode body = (ObjectNode) Json.MAPPER.readTree(Files.readString(EXAMPLE));
            ObjectNode run = (ObjectNode) body.get("check_run");
            run.put("id", id).put("head_sha", sha).put("status", "completed").put("conclusion", "failure")
                    .put("name", "build");
            ((ObjectNode) run.get("check_suite")).put("head_branch", "main");
            ((ObjectNode) body.get("repository")).put("full_name", "octo/app").put("default_branch", "main");
            byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
            return webhooks.receive(new GitHubWebhooks.Headers(GitHubWebhooks.signature(Intake.SECRET, bytes),
                    "check_run", "delivery-" + id), bytes);
        }
    }
}
