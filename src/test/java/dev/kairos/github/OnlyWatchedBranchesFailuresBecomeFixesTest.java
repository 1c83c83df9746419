package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.Kairos;
import dev.kairos.heartbeat.BeatReport;
import dev.kairos.heartbeat.Task;
import dev.kairos.testkit.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code branches:} names the branches whose failed checks become fix tasks: a failure on a branch it does not list,
 * even the default branch, makes no task and costs no model call; without it only the default branch is watched.
 * It governs fixes only: reviews of pull requests are per repository.
 */
class OnlyWatchedBranchesFailuresBecomeFixesTest {
    @TempDir Path tmp;

    @Test
    void aFailureOnABranchNotListedMakesNoTaskAndOneOnAListedBranchAFix() throws Exception {
        try (FixHome h = new FixHome(tmp, "branches: [release]\nreview: true")) {
            String onMain = h.colleaguePushesABreak();
            String onRelease = pushToRelease(h);
            h.model.respondWith(r -> Reply.text("Looked at it."));
            Kairos k = h.start();

            assertThat(h.deliver("check_run", "b-1", FixHome.checkRun(81, "build", "failure", onMain))).isEqualTo(202);
            BeatReport unwatched = k.heartbeat().beat();
            assertThat(unwatched.events()).extracting(e -> e.kind()).containsExactly("github.check_run");
            assertThat(unwatched.tasks()).as("main is not under branches:").isEmpty();
            assertThat(h.model.requestCount()).isZero();

            h.clock.advance(Duration.ofMinutes(5));
            assertThat(h.deliver("check_run", "b-2", FixHome.checkRun(83, "build", "failure", onRelease, "release")))
                    .isEqualTo(202);
            assertThat(k.heartbeat().beat().tasks()).extracting(Task::kind).containsExactly("fix");

            h.clock.advance(Duration.ofMinutes(5));
            String sha = h.repo.commit("feature", "Add mul", "octo");
            int pull = h.repo.openPullRequest("feature", "Add mul", "octo");
            assertThat(h.deliver("pull_request", "b-3", FixHome.pullRequest("opened", pull, "feature", sha, "octo",
                    "Add mul", "Adds mul()."))).isEqualTo(202);
            assertThat(k.heartbeat().beat().tasks()).as("a pull request into main is reviewed all the same")
                    .extracting(Task::kind).containsExactly("review");
        }
    }

    @Test
    void withoutBranchesOnlyTheDefaultBranchIsWatched() throws Exception {
        try (FixHome h = new FixHome(tmp)) {
            String onRelease = pushToRelease(h);
            Kairos k = h.start();

            assertThat(h.deliver("check_run", "d-1", FixHome.checkRun(91, "build", "failure", onRelease, "release")))
                    .isEqualTo(202);
            BeatReport beat = k.heartbeat().beat();

            assertThat(beat.events()).extracting(e -> e.kind()).containsExactly("github.check_run");
            assertThat(beat.tasks()).isEmpty();
            assertThat(h.model.requestCount()).isZero();
        }
    }

    /** The colleague pushes a commit breaking add() to a new branch {@code release}; its sha. */
    private static String pushToRelease(FixHome h) throws Exception {
        FixHome.git(h.colleague, "checkout", "-q", "-B", "release", "origin/main");
        Files.writeString(h.colleague.resolve("calc.sh"), "add() { echo 0; }\n");
        String sha = FixHome.commitAll(h.colleague, "Break add on release");
        FixHome.git(h.colleague, "push", "-q", "origin", "release");
        FixHome.git(h.colleague, "checkout", "-q", "main");
        return sha;
    }
}
