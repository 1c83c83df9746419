package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub's comment times have whole seconds: a comment made in the second of the last one seen is still new, the
 * one seen is not delivered again, and an edit of an old comment is not a new comment.
 */
class CommentsOfTheSameSecondAreNeitherMissedNorRepeatedTest {
    @TempDir Path dir;

    @Test
    void sameSecondCommentsAreDeliveredOnceAndEditsNotAtAll() {
        try (PollFixture f = new PollFixture(dir)) {
            int issue = f.repo.openIssue("Deploy fails", "alice");
            long old = f.repo.comment(issue, "alice", "first");
            GitHubPoller poller = f.poller();
            f.poll(poller);

            f.clock.advance(PollFixture.EVERY);
            long first = f.repo.comment(issue, "bob", "same second, before the poll");
            assertThat(f.poll(poller)).extracting(PollFixture::key)
                    .containsExactly("issue_comment:octo/app:" + first + ":created");
            long second = f.repo.comment(issue, "bob", "same second, after the poll");

            f.clock.advance(PollFixture.EVERY);
            assertThat(f.poll(poller)).extracting(PollFixture::key)
                    .containsExactly("issue_comment:octo/app:" + second + ":created");

            f.clock.advance(PollFixture.EVERY);
            f.repo.editComment(old, "first, edited");
            f.clock.advance(Duration.ofSeconds(1));
            f.clock.advance(PollFixture.EVERY);
            assertThat(f.poll(poller)).isEmpty();
            f.clock.advance(PollFixture.EVERY);
            assertThat(f.poll(poller)).isEmpty();
        }
    }
}
