package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The first poll of a repository records what is there and delivers nothing: no flood of history. */
class FirstPollSetsABaselineTest {
    @TempDir Path dir;

    @Test
    void historyIsRecordedNotDeliveredAndOnlyWhatCameAfterIsDelivered() {
        try (PollFixture f = new PollFixture(dir)) {
            String old = f.repo.commit("older work");
            f.repo.checkRun(old, "build", "failure");
            f.repo.workflowRun(old, "main", "ci", "failure");
            f.repo.commit("feature", "add a feature", "bob");
            int pull = f.repo.openPullRequest("feature", "Add a feature", "bob");
            f.repo.comment(pull, "alice", "looks good");
            GitHubPoller poller = f.poller();

            assertThat(f.poll(poller)).isEmpty();
            f.clock.advance(PollFixture.EVERY);
            assertThat(f.poll(poller)).as("nothing changed since the baseline").isEmpty();

            f.clock.advance(PollFixture.EVERY);
            String fresh = f.repo.commit("newer work");
            long check = f.repo.checkRun(fresh, "build", "failure");
            long comment = f.repo.comment(pull, "alice", "one more thing");
            f.clock.advance(PollFixture.EVERY);

            assertThat(f.poll(poller)).extracting(PollFixture::key).containsExactlyInAnyOrder(
                    "push:octo/app:refs/heads/main:" + fresh,
                    "check_run:octo/app:" + check + ":completed:failure",
                    "issue_comment:octo/app:" + comment + ":created");
            assertThat(f.events()).isEqualTo(3);
        }
    }
}
