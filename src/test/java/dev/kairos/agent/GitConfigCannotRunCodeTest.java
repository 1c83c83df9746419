package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.process.Git;
import dev.kairos.testkit.Processes;
import dev.kairos.testkit.TestRepo;
import dev.kairos.testkit.TrappedRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watched repository's .git/config and attributes define a smudge filter, a post-checkout hook, an fsmonitor and
 * a textconv: making a task's worktree checks the commit out without running any of them.
 */
class GitConfigCannotRunCodeTest {
    @TempDir Path tmp;

    @Test
    void aTasksWorktreeIsMadeWithoutRunningWhatTheRepositoryConfigures() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp.resolve("app"))) {
            String sha = repo.commit("Nothing yet");
            TrappedRepo traps = TrappedRepo.plant(repo.dir(), tmp.resolve("markers"));

            Worktrees worktrees = new Worktrees(tmp.resolve("home/worktrees"), new Git(Processes.runner()));
            Path tree = worktrees.forTask(3, repo.dir(), sha);

            assertThat(traps.fired()).isEmpty();
            assertThat(Files.readString(tree.resolve("README.md"))).isEqualTo("# test repo\n");
        }
    }
}
