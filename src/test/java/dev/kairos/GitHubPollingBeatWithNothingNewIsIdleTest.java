package dev.kairos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.config.ConfigReader;
import dev.kairos.heartbeat.BeatReport;
import dev.kairos.testkit.FakeGitHub;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.GitHubRequest;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A repository in kairos.yaml is polled by the beat (GITHUB_API_URL, GITHUB_TOKEN), and a poll that finds nothing
 * new leaves the beat idle: 304s from GitHub, no model call.
 */
class GitHubPollingBeatWithNothingNewIsIdleTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void theBeatPollsTheFollowedRepositoryAndStaysIdle() {
        try (FakeModelServer model = FakeModelServer.start(); FakeGitHub github = FakeGitHub.start(clock)) {
            github.repo("octo/app");
            github.acceptTokens("github_pat_beat");
            Map<String, String> env = ScriptedModelHome.at(home, model).with("GITHUB_API_URL", github.apiUrl())
                    .with("GITHUB_TOKEN", "github_pat_beat").init(clock).config("""
                            timezone: UTC
                            github:
                              repos:
                                - repo: octo/app
                              poll: 10m
                            """).env();
            try (Kairos k = Kairos.open(ConfigReader.read(home, env), env, clock, Kairos.Mode.ONE_BEAT)) {
                BeatReport first = k.heartbeat().beat();
                int baseline = github.requests().size();
                clock.advance(Duration.ofMinutes(5));
                k.heartbeat().beat();
                int early = github.requests().size() - baseline;
                clock.advance(Duration.ofMinutes(5));
                BeatReport due = k.heartbeat().beat();

                assertThat(first.idle()).isTrue();
                assertThat(baseline).as("the first beat polls octo/app").isGreaterThan(3);
                assertThat(early).as("github.poll is 10m").isZero();
                List<GitHubRequest> later = github.requests().subList(baseline, github.requests().size());
                assertThat(later).extracting(GitHubRequest::line).contains("GET /repos/octo/app");
                assertThat(later).filteredOn(r -> !r.path().endsWith("/issues/comments"))
                        .allSatisfy(r -> assertThat(r.status()).isEqualTo(304));
                assertThat(due.idle()).isTrue();
                assertThat(due.modelCalls()).isZero();
            }
            assertThat(model.requestCount()).as("no model call").isZero();
        }
    }
}
