package dev.kairos.tool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import dev.kairos.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitToolTest {
    @TempDir Path base;
    TestRepo repo;
    final Tools tools = Tools.standard(Processes.runner(), Sandbox.none());
    ToolContext ctx;

    @BeforeEach
    void setUp() {
        repo = TestRepo.create(base.resolve("repo"));
        ctx = ToolContext.at(repo.dir(), SettableClock.at("2026-11-25T10:00:00Z"))
                .withWritableRoots(List.of(repo.dir(), base.resolve("worktrees")));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void statusDiffCommitAndLog() throws Exception {
        repo.write("README.md", "# test repo\nmore\n");
        repo.write("new.txt", "new\n");
        assertThat(git("action", "status").content()).isEqualTo("## main\n M README.md\n?? new.txt");
        assertThat(git("action", "diff").content()).contains("+more").contains("--- a/README.md");

        ToolResult commit = git("action", "commit", "message", "Add more");
        assertThat(commit.isError()).isFalse();
        assertThat(commit.content()).contains("Add more").contains("2 files changed");
        assertThat(git("action", "status").content()).isEqualTo("## main");
        assertThat(git("action", "diff").content()).isEqualTo("no differences");
        assertThat(git("action", "log", "max", 5).content()).matches("(?s)[0-9a-f]{7,} \\(HEAD -> main\\) Add more\n"
                + "[0-9a-f]{7,} Initial commit");
    }

    @Test
    void commitStagesOnlyTheGivenPaths() {
        repo.write("a.txt", "a\n");
        repo.write("b.txt", "b\n");
        assertThat(git("action", "commit", "message", "Only a", "paths", List.of("a.txt")).isError()).isFalse();
        assertThat(git("action", "status").content()).isEqualTo("## main\n?? b.txt");
    }

    @Test
    void failuresSayWhat() {
        assertThat(git("action", "commit", "message", "Nothing").content()).startsWith("git commit failed (exit code 1)")
                .contains("nothing to commit");
        assertThat(git("action", "commit").content()).isEqualTo("commit needs a message");
        assertThat(git("action", "push").content()).startsWith("git: input 'action' must be one of");
        assertThat(git("action", "branch", "name", "--delete").content())
                .isEqualTo("'--delete' is not a usable name: no spaces, not starting with '-'");
    }

    @Test
    void aWorktreeLeavesTheUsersWorkingCopyAlone() throws Exception {
        repo.write("README.md", "# the user's unsaved edit\n");
        Path wt = base.resolve("worktrees/fix-1");
        ToolResult added = git("action", "worktree-add", "path", wt.toString(), "name", "kairos/fix-1");
        assertThat(added.isError()).as(added.content()).isFalse();
        assertThat(wt.resolve("README.md")).hasContent("# test repo\n");

        ToolContext inWorktree = ToolContext.at(wt, ctx.clock());
        Files.writeString(wt.resolve("fix.txt"), "fixed\n");
        assertThat(tools.call("git", Input.of("action", "commit", "message", "Fix"), inWorktree).isError()).isFalse();
        assertThat(tools.call("git", Input.of("action", "branch"), inWorktree).content()).contains("kairos/fix-1");

        assertThat(repo.dir().resolve("README.md")).hasContent("# the user's unsaved edit\n");
        assertThat(repo.dir().resolve("fix.txt")).doesNotExist();
        assertThat(git("action", "status").content()).isEqualTo("## main\n M README.md");
    }

    @Test
    void aWorktreeOutsideTheWritableRootsIsRefused() {
        ToolResult r = git("action", "worktree-add", "path", base.resolve("elsewhere").toString(), "name", "x");
        assertThat(r.content()).startsWith("refused:");
    }

    @Test
    void riskFollowsTheAction() {
        Tool git = tools.get("git").orElseThrow();
        assertThat(git.riskOf(Input.of("action", "status"))).isEqualTo(Risk.READ);
        assertThat(git.riskOf(Input.of("action", "log"))).isEqualTo(Risk.READ);
        assertThat(git.riskOf(Input.of("action", "branch"))).isEqualTo(Risk.READ);
        assertThat(git.riskOf(Input.of("action", "branch", "name", "b"))).isEqualTo(Risk.WRITE);
        assertThat(git.riskOf(Input.of("action", "commit"))).isEqualTo(Risk.WRITE);
        assertThat(git.riskOf(Input.of("action", "worktree-add"))).isEqualTo(Risk.WRITE);
    }

    private ToolResult git(Object... input) {
        return tools.call("git", Input.of(input), ctx);
    }
}
