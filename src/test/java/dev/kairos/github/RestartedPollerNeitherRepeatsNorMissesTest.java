package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.GitHubRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ETags, cursors and due times live in the store: a new poller on the same database carries on where one stopped. */
class RestartedPollerNeitherRepeatsNorMissesTest {
    @TempDir Path dir;

    @Test
    void aPollerStartedAgainAsksConditionallyAndDeliversNothingTwice() {
        try (PollFixture f = new PollFixture(dir)) {
            GitHubPoller first = f.poller();
            f.poll(first);
            long check = f.repo.checkRun(f.repo.commit("break the build"), "build", "failure");
            f.clock.advance(PollFixture.EVERY);
            assertThat(f.poll(first)).extracting(PollFixture::key).contains(
                    "check_run:octo/app:" + check + ":completed:failure");
            f.clock.advance(PollFixture.EVERY);
            f.poll(first); // the beat stored the events before this poll, which makes their cursors durable

            GitHubPoller second = f.poller();
            assertThat(f.requestsDuring(() -> f.poll(second))).as("not due yet, also after a restart").isEmpty();
            f.clock.advance(PollFixture.EVERY);
            List<GitHubRequest> requests = f.requestsDuring(() -> assertThat(f.poll(second)).isEmpty());

            assertThat(requests).isNotEmpty().allSatisfy(r -> assertThat(r.status()).as(r.line()).isEqualTo(304));
            long pushes = f.deliveries.stream().filter(d -> d.event().equals("push")).count();
            assertThat(pushes).isEqualTo(1);
            assertThat(f.events()).isEqualTo(2);
        }
    }

    @Test
    void aCrashRightAfterAPollRepeatsItsDeliveriesButTheInboxKeepsOneEvent() {
        try (PollFixture f = new PollFixture(dir)) {
            GitHubPoller first = f.poller();
            f.poll(first);
            long check = f.repo.checkRun(f.repo.commit("break the build"), "build", "failure");
            f.clock.advance(PollFixture.EVERY);
            f.poll(first); // then the process dies: nothing told the poller its events were stored

            GitHubPoller second = f.poller();
            f.clock.advance(PollFixture.EVERY);
            String key = "check_run:octo/app:" + check + ":completed:failure";
            assertThat(f.poll(second)).extracting(PollFixture::key).as("not lost").contains(key);
            f.clock.advance(PollFixture.EVERY);
            assertThat(f.poll(second)).isEmpty();

            assertThat(f.deliveries).extracting(PollFixture::key).filteredOn(key::equals).hasSize(2);
            assertThat(f.events()).as("one event per change").isEqualTo(2);
        }
    }

    @Test
    void aChangeWhileStoppedIsDeliveredAfterTheRestart() {
        try (PollFixture f = new PollFixture(dir)) {
            GitHubPoller first = f.poller();
            f.poll(first);
            f.clock.advance(PollFixture.EVERY);
            f.poll(first);

            String sha = f.repo.commit("landed while Kairos was down");
            f.clock.advance(PollFixture.EVERY.multipliedBy(10));
            assertThat(f.poll(f.poller())).extracting(PollFixture::key)
                    .containsExactly("push:octo/app:refs/heads/main:" + sha);
        }
    }
}
