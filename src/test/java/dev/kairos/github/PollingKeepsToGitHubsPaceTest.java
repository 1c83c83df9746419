package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.GitHubRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No request goes before GitHub allows it: X-Poll-Interval, the rate limit and Retry-After, on the settable clock. */
class PollingKeepsToGitHubsPaceTest {
    @TempDir Path dir;

    @Test
    void noRequestBeforeTheConfiguredInterval() {
        try (PollFixture f = new PollFixture(dir)) {
            GitHubPoller poller = f.poller();
            assertThat(f.requestsDuring(() -> f.poll(poller))).isNotEmpty();
            f.clock.advance(PollFixture.EVERY.minusSeconds(1));
            assertThat(f.requestsDuring(() -> f.poll(poller))).isEmpty();
            f.clock.advance(Duration.ofSeconds(1));
            assertThat(f.requestsDuring(() -> f.poll(poller))).isNotEmpty();
        }
    }

    @Test
    void aServerThatSendsNoRateLimitHeadersIsPolledAtTheInterval() {
        try (PollFixture f = new PollFixture(dir)) {
            f.github.withoutRateLimitHeaders();
            GitHubPoller poller = f.poller();
            List<GitHubRequest> first = f.requestsDuring(() -> f.poll(poller));
            assertThat(first).extracting(GitHubRequest::line).contains("GET /repos/octo/app/commits",
                    "GET /repos/octo/app/actions/runs");
            f.clock.advance(PollFixture.EVERY);
            assertThat(f.requestsDuring(() -> f.poll(poller))).hasSameSizeAs(first);
        }
    }

    @Test
    void aLongerPollIntervalFromGitHubDelaysTheNextPoll() {
        try (PollFixture f = new PollFixture(dir)) {
            f.github.pollInterval(Duration.ofMinutes(12));
            GitHubPoller poller = f.poller();
            f.poll(poller);
            f.clock.advance(Duration.ofMinutes(11));
            assertThat(f.requestsDuring(() -> f.poll(poller))).as("GitHub asked for 12 minutes").isEmpty();
            f.clock.advance(Duration.ofMinutes(1));
            assertThat(f.requestsDuring(() -> f.poll(poller))).isNotEmpty();
        }
    }

    @Test
    void aNearlySpentRateLimitHoldsEveryRequestUntilItsReset() {
        try (PollFixture f = new PollFixture(dir)) {
            Instant reset = f.clock.instant().plus(Duration.ofMinutes(40));
            f.github.rateLimit(5000, 300, reset); // under a tenth left: the rest is for replies and fixes
            GitHubPoller poller = f.poller();
            assertThat(f.requestsDuring(() -> f.poll(poller))).extracting(GitHubRequest::line)
                    .containsExactly("GET /repos/octo/app");

            f.clock.advance(Duration.ofMinutes(39));
            assertThat(f.requestsDuring(() -> f.poll(poller))).as("before the reset").isEmpty();
            f.clock.set(reset);
            List<GitHubRequest> after = f.requestsDuring(() -> f.poll(poller));
            assertThat(after).extracting(GitHubRequest::line).contains("GET /repos/octo/app/commits");
            assertThat(after).allSatisfy(r -> assertThat(r.status()).isIn(200, 304));
        }
    }

    @Test
    void aSpentRateLimitStopsThePollAtTheFirst403() {
        try (PollFixture f = new PollFixture(dir)) {
            Instant reset = f.clock.instant().plus(Duration.ofMinutes(30));
            f.github.rateLimit(5000, 0, reset);
            GitHubPoller poller = f.poller();
            List<GitHubRequest> first = f.requestsDuring(() -> f.poll(poller));
            assertThat(first).singleElement().satisfies(r -> assertThat(r.status()).isEqualTo(403));
            f.clock.advance(Duration.ofMinutes(29));
            assertThat(f.requestsDuring(() -> f.poll(poller))).isEmpty();
            f.clock.set(reset);
            assertThat(f.requestsDuring(() -> f.poll(poller))).hasSizeGreaterThan(3);
        }
    }

    @ParameterizedTest(name = "{0} with Retry-After")
    @ValueSource(ints = {403, 429})
    void aRefusalWithRetryAfterIsWaitedOutBeforeAnyRequest(int status) {
        try (PollFixture f = new PollFixture(dir)) {
            f.github.repo("octo/lib");
            f.settings = new dev.kairos.config.GitHubSettings(List.of(f.settings.repos().getFirst(),
                    new dev.kairos.config.GitHubSettings.Repo("octo/lib", java.util.Optional.empty())), List.of(),
                    java.util.Optional.empty(), java.util.Optional.empty(), f.settings.token(), f.settings.apiUrl(),
                    PollFixture.EVERY);
            f.github.refuseUntil(status, f.clock.instant().plusSeconds(90));
            GitHubPoller poller = f.poller();
            List<GitHubRequest> refused = f.requestsDuring(() -> f.poll(poller));
            assertThat(refused).as("one refusal stops the poll of every repository").singleElement()
                    .satisfies(r -> assertThat(r.status()).isEqualTo(status));

            f.clock.advance(Duration.ofSeconds(89));
            assertThat(f.requestsDuring(() -> f.poll(poller))).isEmpty();
            f.clock.advance(Duration.ofSeconds(1));
            List<GitHubRequest> after = f.requestsDuring(() -> f.poll(poller));
            assertThat(after).extracting(GitHubRequest::path).contains("/repos/octo/app", "/repos/octo/lib");
            assertThat(after).allSatisfy(r -> assertThat(r.status()).isEqualTo(200));
        }
    }
}
