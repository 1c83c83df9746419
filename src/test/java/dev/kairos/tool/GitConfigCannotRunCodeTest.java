package dev.kairos.tool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import dev.kairos.testkit.TestRepo;
import dev.kairos.testkit.TrappedRepo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository the git tool works in defines filters, hooks, an fsmonitor, textconv and external diff drivers
 * and a pager in .git/config and .git/info/attributes (a tool's write could put them there): status, diff, log,
 * commit and worktree-add do their work without running any of them.
 */
class GitConfigCannotRunCodeTest {
    @TempDir Path base;

    @Test
    void theGitToolRunsNothingTheRepositoryConfigures() throws Exception {
        try (TestRepo repo = TestRepo.create(base.resolve("repo"))) {
            TrappedRepo traps = TrappedRepo.plant(repo.dir(), base.resolve("markers"));
            Tools tools = Tools.standard(Processes.runner(), Sandbox.none());
            ToolContext ctx = ToolContext.at(repo.dir(), SettableClock.at("2026-11-25T10:00:00Z"))
                    .withWritableRoots(List.of(repo.dir(), base.resolve("worktrees")));
            repo.write("README.md", "# test repo\nmore\n");
            repo.write("data.dat", "data\n");

            ToolResult status = git(tools, ctx, "action", "status");
            ToolResult diff = git(tools, ctx, "action", "diff");
            ToolResult commit = git(tools, ctx, "action", "commit", "message", "Add more");
            ToolResult log = git(tools, ctx, "action", "log");
            ToolResult staged = git(tools, ctx, "action", "diff", "staged", true);
            ToolResult added = git(tools, ctx, "action", "worktree-add", "name", "side",
                    "path", base.resolve("worktrees/side").toString());

            assertThat(traps.fired()).isEmpty();
            assertThat(status.content()).contains("README.md");
            assertThat(diff.content()).contains("+more");
            assertThat(commit.isError()).as(commit.content()).isFalse();
            assertThat(log.content()).contains("Add more");
            assertThat(staged.content()).isEqualTo("no differences");
            assertThat(added.isError()).as(added.content()).isFalse();
            assertThat(base.resolve("worktrees/side/README.md")).hasContent("# test repo\nmore");
        }
    }

    private static ToolResult git(Tools tools, ToolContext ctx, Object... input) {
        return tools.call("git", Input.of(input), ctx);
    }
}
