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

/**
 * Behind the policy, the tools themselves refuse Kairos's control files and git metadata, however the path is
 * spelt (a link, "..", another case), and leave them as they were; the rest of the writable folders stays writable.
 */
class ToolsNeverWriteControlFilesOrGitMetadataTest {
    private static final String CONFIG = "# my commented config\npolicy:\n  rules: []\n";

    @TempDir Path base;
    Path home;
    TestRepo repo;
    final Tools tools = Tools.standard(Processes.runner(), Sandbox.none());
    ToolContext ctx;

    @BeforeEach
    void setUp() throws Exception {
        home = Files.createDirectories(base.resolve("home"));
        Files.writeString(home.resolve("kairos.yaml"), CONFIG);
        Files.createDirectories(home.resolve("logs"));
        repo = TestRepo.create(base.resolve("repo"));
        ctx = ToolContext.at(home, SettableClock.at("2026-11-25T10:00:00Z"))
                .withWritableRoots(List.of(home, repo.dir())).withWorkspace(home);
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    @Test
    void controlFilesAreRefusedByEverySpelling() throws Exception {
        Files.createSymbolicLink(home.resolve("settings.yaml"), home.resolve("kairos.yaml"));
        Files.createSymbolicLink(repo.dir().resolve("kairos-home"), home);
        for (String path : List.of("kairos.yaml", "KAIROS.YAML", "settings.yaml", "logs/../kairos.yaml",
                repo.dir() + "/kairos-home/kairos.yaml", "state.db-wal", "logs/kairos.log", "keys/vapid.json",
                "cache/djl/lib.so")) {
            ToolResult r = tools.call("write_file", Input.of("path", path, "content", "policy: {}\n"), ctx);
            assertThat(r.isError()).as(path).isTrue();
            assertThat(r.content()).as(path).startsWith("refused: ")
                    .containsAnyOf("one of Kairos's control files", "Kairos's own state");
        }
        ToolResult edit = tools.call("edit_file", Input.of("path", "kairos.yaml", "old", "rules: []",
                "new", "rules: [{tool: '*', decision: allow}]"), ctx);
        assertThat(edit.content()).startsWith("refused: ");
        assertThat(home.resolve("kairos.yaml")).hasContent(CONFIG);
        assertThat(home.resolve("keys")).doesNotExist();
        assertThat(home.resolve("cache")).doesNotExist();
        try (var logs = Files.list(home.resolve("logs"))) {
            assertThat(logs).isEmpty();
        }
    }

    @Test
    void gitMetadataIsRefusedAndTheGitToolCannotCommitIt() throws Exception {
        Path config = repo.dir().resolve(".git/config");
        String before = Files.readString(config);
        ToolContext inRepo = ToolContext.at(repo.dir(), ctx.clock()).withWritableRoots(ctx.writableRoots())
                .withWorkspace(home);
        List<ToolResult> refused = List.of(
                tools.call("write_file", Input.of("path", ".git/info/attributes", "content", "* filter=x\n"), inRepo),
                tools.call("edit_file", Input.of("path", ".git/config", "old", "[core]", "new",
                        "[core]\n\thooksPath = /tmp"), inRepo),
                tools.call("write_file", Input.of("path", ".GIT/config", "content", "x"), inRepo),
                tools.call("git", Input.of("action", "commit", "message", "m", "paths", List.of(".git/config")),
                        inRepo),
                tools.call("git", Input.of("action", "worktree-add", "path", ".git/wt", "name", "x"), inRepo));
        assertThat(refused).allSatisfy(r -> assertThat(r.content()).startsWith("refused: ").contains("git metadata"));
        assertThat(repo.dir().resolve(".git/info/attributes")).doesNotExist();
        assertThat(config).hasContent(before);
    }

    @Test
    void aWorktreesDotGitFileAndTheGitDirectoryItPointsToAreRefused() throws Exception {
        Path wt = home.resolve("worktrees/task-1");
        Files.createDirectories(wt.getParent());
        ToolContext inRepo = ToolContext.at(repo.dir(), ctx.clock()).withWritableRoots(ctx.writableRoots())
                .withWorkspace(home);
        assertThat(tools.call("git", Input.of("action", "worktree-add", "path", wt.toString(), "name", "kairos/task-1"),
                inRepo).isError()).isFalse();
        String pointer = Files.readString(wt.resolve(".git"));
        Path gitDir = Path.of(pointer.strip().substring("gitdir:".length()).strip());

        ToolContext inWorktree = ToolContext.at(wt, ctx.clock()).withWritableRoots(List.of(home, repo.dir(), wt))
                .withWorkspace(home);
        assertThat(tools.call("write_file", Input.of("path", ".git", "content", "gitdir: /tmp/evil\n"), inWorktree)
                .content()).startsWith("refused: ");
        assertThat(tools.call("write_file", Input.of("path", gitDir + "/config.worktree", "content", "x"), inWorktree)
                .content()).startsWith("refused: ");
        assertThat(wt.resolve(".git")).hasContent(pointer);

        Files.writeString(wt.resolve("fix.txt"), "fixed\n");
        ToolResult commit = tools.call("git", Input.of("action", "commit", "message", "Fix"), inWorktree);
        assertThat(commit.isError()).as("the git tool still commits in a task's worktree: " + commit.content())
                .isFalse();
    }

    @Test
    void aSeparateGitDirectoryIsRefusedThoughNoNameSaysGit() throws Exception {
        Path meta = base.resolve("repo/vendor-meta");
        Process init = new ProcessBuilder("git", "init", "-q", "--separate-git-dir", meta.toString(),
                base.resolve("repo/vendor").toString()).redirectErrorStream(true).start();
        assertThat(init.waitFor()).isZero();
        ToolResult r = tools.call("write_file", Input.of("path", meta + "/hooks/post-checkout", "content",
                "#!/bin/sh\ntouch /tmp/pwned\n"), ctx);
        assertThat(r.content()).startsWith("refused: ").contains("git metadata");
        assertThat(meta.resolve("hooks/post-checkout")).doesNotExist();
    }

    @Test
    void everythingElseStaysWritable() {
        for (String path : List.of("notes.md", "AGENTS.md", "worktrees/task-2/x.txt", "memory/topics/user.md",
                repo.dir() + "/.gitignore", repo.dir() + "/src/kairos.yaml")) {
            ToolResult r = tools.call("write_file", Input.of("path", path, "content", "x\n"), ctx);
            assertThat(r.isError()).as(path + ": " + r.content()).isFalse();
        }
    }
}
