package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.github.GHIssueComment;
import org.kohsuke.github.GHIssueState;
import org.kohsuke.github.GHPullRequest;
import org.kohsuke.github.GHRepository;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.HttpException;

/**
 * The hub4j client {@link GitHubAccess#client} builds talks to GITHUB_API_URL with Kairos's credentials: a draft
 * pull request and a comment are created on the loopback GitHub and listed afterwards; a second pull request from
 * the same head is refused with 422, as GitHub refuses it.
 */
class WritesGoThroughTheHub4jClientTest {
    @TempDir Path dir;

    @Test
    void aDraftPullRequestAndACommentAreCreatedAndADuplicatePullRequestIsRefused() throws Exception {
        try (PollFixture f = new PollFixture(dir)) {
            String head = f.repo.commit("kairos/fix-build", "fix the build", "kairos-bot");
            GitHub github = GitHubAccess.of(f.settings, f.clock).client("octo/app");
            GHRepository repo = github.getRepository("octo/app");

            GHPullRequest pr = repo.createPullRequest("Fix the build", "kairos/fix-build", "main",
                    "Cause, change and evidence.", true, true);
            assertThat(pr.isDraft()).isTrue();
            assertThat(pr.getHead().getSha()).isEqualTo(head);
            assertThat(f.repo.pullRequests()).singleElement()
                    .satisfies(p -> assertThat(p.path("title").asText()).isEqualTo("Fix the build"));
            assertThat(repo.queryPullRequests().head("octo:kairos/fix-build").state(GHIssueState.OPEN).list().toList())
                    .extracting(GHPullRequest::getNumber).containsExactly(pr.getNumber());

            assertThatThrownBy(() -> repo.createPullRequest("Fix the build again", "kairos/fix-build", "main", "", true,
                    true)).isInstanceOfSatisfying(HttpException.class, e -> {
                        assertThat(e.getResponseCode()).isEqualTo(422);
                        assertThat(e.getMessage()).contains("A pull request already exists for octo:kairos/fix-build");
                    });
            assertThat(f.repo.pullRequests()).hasSize(1);

            GHIssueComment comment = repo.getIssue(pr.getNumber()).comment("Verified: the tests pass.");
            assertThat(f.repo.comments(pr.getNumber())).singleElement()
                    .satisfies(c -> assertThat(c.path("id").asLong()).isEqualTo(comment.getId()));
            assertThat(repo.getIssue(pr.getNumber()).getComments()).extracting(GHIssueComment::getBody)
                    .containsExactly("Verified: the tests pass.");
            assertThat(f.github.requests()).isNotEmpty().allSatisfy(r ->
                    assertThat(r.header("Authorization")).isEqualTo("Bearer " + PollFixture.TOKEN));
        }
    }

    @Test
    void asAGitHubAppTheClientCarriesTheInstallationToken() throws Exception {
        KeyPair keys = AppTokenIsRenewedBeforeItsHourRunsOutTest.rsa();
        try (PollFixture f = new PollFixture(dir)) {
            f.github.installApp(7, keys.getPublic(), 70);
            f.settings = new dev.kairos.config.GitHubSettings(f.settings.repos(), List.of(), Optional.empty(),
                    Optional.empty(), Optional.empty(), f.settings.apiUrl(), PollFixture.EVERY,
                    Optional.of(new dev.kairos.config.GitHubSettings.App(7, AppTokenIsRenewedBeforeItsHourRunsOutTest
                            .writePkcs1(keys, dir.resolve("app.pem")), Optional.of(70L))));
            int issue = f.repo.openIssue("Question", "alice");

            GitHubAccess.of(f.settings, f.clock).client("octo/app").getRepository("octo/app").getIssue(issue)
                    .comment("An answer.");

            String token = f.github.installationTokens().keySet().iterator().next();
            assertThat(f.repo.comments(issue)).singleElement()
                    .satisfies(c -> assertThat(c.path("body").asText()).isEqualTo("An answer."));
            assertThat(f.github.requests("/repos/")).isNotEmpty().allSatisfy(r ->
                    assertThat(r.header("Authorization")).isEqualTo("Bearer " + token));
        }
    }
}
