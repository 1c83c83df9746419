package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.process.Git;
import dev.kairos.testkit.Processes;
import dev.kairos.testkit.TestRepo;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A task's worktree folder deleted by hand (a user tidying ~/.kairos/worktrees) while the task waits to run again:
 * the next run makes the worktree again, on the task's branch with the work already committed there, instead of
 * failing because git still has the old one registered.
 */
class DeletedWorktreeIsMadeAgainTest {
    @TempDir Path tmp;

    @Test
    void theTaskGetsItsWorktreeBackWithItsBranch() throws Exception {
        try (TestRepo repo = TestRepo.create(tmp.resolve("app"))) {
            String sha = repo.commit("Nothing yet");
            Worktrees worktrees = new Worktrees(tmp.resolve("home/worktrees"), new Git(Processes.runner()));
            Path tree = worktrees.forTask(7, repo.dir(), sha);
            assertThat(tree).isEqualTo(tmp.resolve("home/worktrees/task-7"));
            assertThat(tree.resolve("README.md")).exists();

            Files.writeString(tree.resolve("fix.txt"), "half done\n");
            git(tree, "add", "fix.txt");
            git(tree, "-c", "user.name=Kairos", "-c", "user.email=kairos@localhost", "commit", "-q", "-m", "Half");
            String work = git(tree, "rev-parse", "HEAD");

            deleteTree(tree);
            Path again = worktrees.forTask(7, repo.dir(), sha);

            assertThat(again).isEqualTo(tree);
            assertThat(git(again, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo(Worktrees.branch(7));
            assertThat(git(again, "rev-parse", "HEAD")).as("the task's own commit stays").isEqualTo(work);
            assertThat(again.resolve("fix.txt")).exists();
        }
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", String.join(" ", args), out).isZero();
        return out;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
