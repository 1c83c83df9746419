package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change seen by polling is delivered in the shape its webhook has (GITHUB-EVENTS.md), with every field the
 * change key and the payload need, so the normaliser cannot tell the two apart.
 */
class FailingCheckRunBecomesACheckRunDeliveryTest {
    @TempDir Path dir;

    @Test
    void aNewFailingCheckRunOnTheDefaultBranchIsACompletedCheckRunDelivery() {
        try (PollFixture f = new PollFixture(dir)) {
            GitHubPoller poller = f.poller();
            f.poll(poller);
            String sha = f.repo.commit("break the build");
            long id = f.repo.checkRun(sha, "build", "failure");
            f.clock.advance(PollFixture.EVERY);

            Delivery d = f.poll(poller).stream().filter(x -> x.event().equals("check_run")).findFirst().orElseThrow();

            assertThat(PollFixture.key(d)).isEqualTo("check_run:octo/app:" + id + ":completed:failure");
            JsonNode p = d.payload();
            assertThat(p.path("action").asText()).isEqualTo("completed");
            assertThat(p.at("/check_run/head_sha").asText()).isEqualTo(sha);
            assertThat(p.at("/check_run/name").asText()).isEqualTo("build");
            assertThat(p.at("/check_run/check_suite/head_branch").asText()).isEqualTo("main");
            assertThat(p.at("/check_run/html_url").asText()).endsWith("/octo/app/runs/" + id);
            assertThat(p.at("/repository/full_name").asText()).isEqualTo("octo/app");
            assertThat(p.at("/repository/default_branch").asText()).isEqualTo("main");
            assertThat(p.at("/sender/login").asText()).isNotBlank();
        }
    }

    @Test
    void pushesPullRequestsAndWorkflowRunsCarryTheirKeyFields() {
        try (PollFixture f = new PollFixture(dir)) {
            f.repo.commit("feature", "start a feature", "bob");
            int pull = f.repo.openPullRequest("feature", "A feature", "bob");
            GitHubPoller poller = f.poller();
            f.poll(poller);

            String before = f.repo.head("main").orElseThrow();
            String one = f.repo.commit("one");
            String two = f.repo.commit("two");
            String moved = f.repo.commit("feature", "more of the feature", "bob");
            f.repo.commit("other", "other work", "carol");
            int opened = f.repo.openPullRequest("other", "Other work", "carol");
            long run = f.repo.workflowRun(moved, "feature", "ci", "failure");
            long unfollowed = f.repo.workflowRun(one, "main", "ci", "success"); // not a head any more
            f.clock.advance(PollFixture.EVERY);

            var delivered = f.poll(poller);
            String otherHead = f.repo.head("other").orElseThrow();
            assertThat(delivered).extracting(PollFixture::key).containsExactlyInAnyOrder(
                    "push:octo/app:refs/heads/main:" + two,
                    "pull_request:octo/app:" + pull + ":head:" + moved,
                    "pull_request:octo/app:" + opened + ":head:" + otherHead,
                    "workflow_run:octo/app:" + run + ":1:completed:failure");
            assertThat(delivered).extracting(PollFixture::key).noneMatch(k -> k.contains(":" + unfollowed + ":"));

            JsonNode push = payload(delivered, "push");
            assertThat(push.path("before").asText()).isEqualTo(before);
            assertThat(push.path("commits")).extracting(c -> c.path("id").asText()).containsExactly(one, two);
            assertThat(push.at("/head_commit/message").asText()).isEqualTo("two");
            JsonNode sync = delivered.stream().filter(d -> d.event().equals("pull_request")
                    && d.payload().path("number").asInt() == pull).findFirst().orElseThrow().payload();
            assertThat(sync.path("action").asText()).isEqualTo("synchronize");
            assertThat(sync.at("/pull_request/head/ref").asText()).isEqualTo("feature");
            assertThat(sync.at("/pull_request/user/login").asText()).isEqualTo("bob");
            assertThat(delivered.stream().filter(d -> d.event().equals("pull_request")
                    && d.payload().path("number").asInt() == opened).findFirst().orElseThrow()
                    .payload().path("action").asText()).isEqualTo("opened");
            assertThat(payload(delivered, "workflow_run").at("/workflow_run/head_branch").asText()).isEqualTo("feature");
        }
    }

    private static JsonNode payload(java.util.List<Delivery> deliveries, String event) {
        return deliveries.stream().filter(d -> d.event().equals(event)).findFirst().orElseThrow().payload();
    }
}
