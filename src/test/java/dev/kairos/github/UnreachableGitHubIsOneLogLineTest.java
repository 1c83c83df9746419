package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kairos.config.GitHubSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** A network failure or a refused token never breaks the beat: one log line, no secret in it, a retry later. */
class UnreachableGitHubIsOneLogLineTest {
    @TempDir Path dir;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(GitHubPoller.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    @Test
    void aServerThatIsGoneIsSaidOnceAndPolledAgainAtTheInterval() {
        String gone;
        try (PollFixture f = new PollFixture(dir)) {
            gone = f.github.apiUrl();
            f.github.close();
            f.settings = new GitHubSettings(f.settings.repos(), List.of(), Optional.empty(), Optional.empty(),
                    f.settings.token(), URI.create(gone), PollFixture.EVERY);
            GitHubPoller poller = f.poller();
            for (int i = 0; i < 3; i++) {
                assertThat(poller.poll(f.clock.instant())).isEmpty();
                f.clock.advance(PollFixture.EVERY);
            }
        }
        assertThat(warnings()).singleElement().satisfies(w -> {
            assertThat(w).contains("cannot poll GitHub repo=octo/app", "will retry in 5m", "cannot reach " + gone);
            assertThat(w).doesNotContain(PollFixture.TOKEN);
        });
    }

    @Test
    void aRefusedTokenIsSaidOnceWithWhatToCheckAndTheOtherRepositoriesStillPoll() {
        try (PollFixture f = new PollFixture(dir)) {
            f.github.acceptTokens("some-other-token");
            GitHubPoller poller = f.poller();
            assertThat(f.requestsDuring(() -> assertThat(poller.poll(f.clock.instant())).isEmpty())).hasSize(1);
            assertThat(f.requestsDuring(() -> poller.poll(f.clock.instant()))).as("retried at the interval").isEmpty();
            f.clock.advance(PollFixture.EVERY);
            assertThat(f.requestsDuring(() -> poller.poll(f.clock.instant()))).hasSize(1);
        }
        assertThat(warnings()).singleElement().satisfies(w -> assertThat(w)
                .contains("repo=octo/app", "401 Bad credentials", "check GITHUB_TOKEN").doesNotContain(PollFixture.TOKEN));
    }

    @Test
    void resourcesTheTokenMayNotReadAreEachSaidOnceAndTheRestIsStillPolled() {
        try (PollFixture f = new PollFixture(dir)) {
            f.github.forbid("/actions/", "/check-runs/");
            GitHubPoller poller = f.poller();
            f.poll(poller);
            String sha = f.repo.commit("break the build");
            f.clock.advance(PollFixture.EVERY);
            assertThat(f.poll(poller)).extracting(PollFixture::key)
                    .containsExactly("push:octo/app:refs/heads/main:" + sha);
            f.clock.advance(PollFixture.EVERY);
            f.poll(poller);
        }
        assertThat(warnings()).hasSize(2).anySatisfy(w -> assertThat(w).contains("octo/app",
                "/repos/octo/app/actions/runs", "403 Resource not accessible by personal access token"))
                .anySatisfy(w -> assertThat(w).contains("/repos/octo/app/commits/SHA/check-runs"));
    }

    private List<String> warnings() {
        return logs.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }
}
