package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.GitHubRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every poll sends the stored ETags; GitHub's 304 for an unchanged resource delivers nothing and costs no limit. */
class UnchangedRepositoryCostsOnlyNotModifiedTest {
    @TempDir Path dir;

    @Test
    void aPollOfAnUnchangedRepositorySendsEveryETagAndGetsOnly304s() {
        try (PollFixture f = new PollFixture(dir)) {
            GitHubPoller poller = f.poller();
            f.poll(poller);
            f.clock.advance(PollFixture.EVERY);
            f.poll(poller); // the comments cursor moves from its baseline query to the "since" one
            int remaining = f.github.rateRemaining();

            f.clock.advance(PollFixture.EVERY);
            List<GitHubRequest> third = f.requestsDuring(() -> assertThat(f.poll(poller)).isEmpty());

            assertThat(third).extracting(GitHubRequest::line).contains("GET /repos/octo/app",
                    "GET /repos/octo/app/commits", "GET /repos/octo/app/pulls", "GET /repos/octo/app/issues/comments",
                    "GET /repos/octo/app/actions/runs");
            assertThat(third).allSatisfy(r -> {
                assertThat(r.header("If-None-Match")).as("ETag sent with %s", r.line()).startsWith("W/\"");
                assertThat(r.header("Authorization")).isEqualTo("Bearer " + PollFixture.TOKEN);
                assertThat(r.status()).as(r.line()).isEqualTo(304);
            });
            assertThat(f.github.rateRemaining()).as("a 304 costs no rate limit").isEqualTo(remaining);
            assertThat(f.deliveries).isEmpty();
            assertThat(f.events()).isZero();
        }
    }

    @Test
    void aNewCommentAfter304sIsFetchedAndDeliveredOnce() {
        try (PollFixture f = new PollFixture(dir)) {
            GitHubPoller poller = f.poller();
            int issue = f.repo.openIssue("Flaky deploy", "alice");
            f.poll(poller);
            f.clock.advance(PollFixture.EVERY);
            f.poll(poller);

            f.clock.advance(PollFixture.EVERY);
            long comment = f.repo.comment(issue, "alice", "@kairos-bot can you look?");
            f.clock.advance(PollFixture.EVERY);
            List<GitHubRequest> requests = f.requestsDuring(() -> f.poll(poller));
            f.clock.advance(PollFixture.EVERY);
            f.poll(poller);

            assertThat(requests).filteredOn(r -> r.status() == 200).extracting(GitHubRequest::line)
                    .containsExactly("GET /repos/octo/app/issues/comments");
            assertThat(f.deliveries).extracting(PollFixture::key)
                    .containsExactly("issue_comment:octo/app:" + comment + ":created");
            assertThat(f.deliveries.getFirst().payload().at("/issue/number").asInt()).isEqualTo(issue);
            assertThat(f.deliveries.getFirst().payload().at("/comment/user/login").asText()).isEqualTo("alice");
        }
    }
}
