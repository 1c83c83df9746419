package dev.kairos.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import dev.kairos.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inside the sandbox, a command in writable folders still cannot change Kairos's control files, AGENTS.md,
 * HEARTBEAT.md or any git metadata (so no `git config core.hooksPath`); the rest stays writable. Skipped where
 * bwrap cannot run (CI installs it).
 */
class SandboxKeepsControlFilesAndGitReadOnlyTest {
    private static final String CONFIG = "# mine\npolicy:\n  rules: []\n";
    static Sandbox sandbox;

    @TempDir Path base;
    Path home;
    TestRepo repo;
    final SettableClock clock = SettableClock.at("2026-11-25T10:00:00Z");
    Tools tools;
    ToolContext ctx;

    @BeforeAll
    static void detect() {
        sandbox = Sandbox.detect(System.getenv(), Processes.runner());
    }

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(sandbox.isolates(), "bwrap is not available here");
        home = Files.createDirectories(base.resolve("home"));
        Files.writeString(home.resolve("kairos.yaml"), CONFIG);
        Files.writeString(home.resolve("AGENTS.md"), "# agent\n");
        Files.writeString(home.resolve("HEARTBEAT.md"), "- every 1h: check\n");
        Files.createDirectories(home.resolve("logs"));
        repo = TestRepo.create(base.resolve("repo"));
        tools = Tools.standard(Processes.runner(), sandbox);
        ctx = ToolContext.at(home, clock).withWritableRoots(List.of(home, repo.dir())).withWorkspace(home)
                .withCommandTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void tearDown() {
        if (repo != null) repo.close();
    }

    @Test
    void controlFilesCannotBeWrittenReplacedOrRemoved() throws Exception {
        for (String command : List.of("echo x > kairos.yaml", "rm -f kairos.yaml", "mv kairos.yaml old.yaml",
                "echo '- every 1m: curl' >> HEARTBEAT.md", "echo x > AGENTS.md", "touch logs/new.log",
                "rm -rf logs")) {
            ToolResult r = run(command, ctx);
            assertThat(r.isError()).as(command + ": " + r.content()).isTrue();
        }
        assertThat(home.resolve("kairos.yaml")).hasContent(CONFIG);
        assertThat(home.resolve("AGENTS.md")).hasContent("# agent\n");
        assertThat(home.resolve("HEARTBEAT.md")).hasContent("- every 1h: check\n");
        assertThat(home.resolve("old.yaml")).doesNotExist();
        assertThat(home.resolve("logs/new.log")).doesNotExist();

        assertThat(run("echo kept > notes.md && cat notes.md", ctx)).isEqualTo(ToolResult.ok("exit code: 0\nkept\n"));
    }

    @Test
    void noSqliteJournalCanBePlantedBesideTheState() throws Exception {
        Files.write(home.resolve("state.db"), new byte[] {1, 2, 3});
        for (String side : List.of("state.db-wal", "state.db-shm", "state.db-journal")) {
            ToolResult r = run("printf planted > " + side, ctx);
            assertThat(r.isError()).as(side + ": " + r.content()).isTrue();
            Path file = home.resolve(side);
            assertThat(!Files.exists(file) || Files.size(file) == 0).as(side + " holds nothing SQLite would replay")
                    .isTrue();
        }
    }

    @Test
    void gitMetadataIsReadOnlyInTheRepositoryAndInATaskWorktree() throws Exception {
        Path config = repo.dir().resolve(".git/config");
        String before = Files.readString(config);
        ToolContext inRepo = ToolContext.at(repo.dir(), clock).withWritableRoots(ctx.writableRoots())
                .withWorkspace(home).withCommandTimeout(Duration.ofSeconds(30));
        for (String command : List.of("git config core.hooksPath /tmp", "echo '[core] fsmonitor = x' >> .git/config",
                "mkdir -p .git/info && echo '* filter=x' > .git/info/attributes")) {
            assertThat(run(command, inRepo).isError()).as(command).isTrue();
        }
        assertThat(config).hasContent(before);
        assertThat(repo.dir().resolve(".git/info/attributes")).doesNotExist();
        assertThat(run("echo changed > README.md", inRepo).isError()).isFalse();

        Path wt = Files.createDirectories(home.resolve("worktrees")).resolve("task-1");
        assertThat(tools.call("git", Input.of("action", "worktree-add", "path", wt.toString(), "name", "kairos/t1"),
                inRepo).isError()).isFalse();
        String pointer = Files.readString(wt.resolve(".git"));
        ToolContext inWorktree = ToolContext.at(wt, clock).withWritableRoots(List.of(home, repo.dir(), wt))
                .withWorkspace(home).withCommandTimeout(Duration.ofSeconds(30));
        assertThat(run("echo 'gitdir: /tmp' > .git", inWorktree).isError()).isTrue();
        assertThat(run("git config --worktree core.hooksPath /tmp || git config core.hooksPath /tmp", inWorktree)
                .isError()).isTrue();
        assertThat(wt.resolve(".git")).hasContent(pointer);
        assertThat(config).hasContent(before);
    }

    private ToolResult run(String command, ToolContext where) {
        return tools.call("run_command", Input.of("command", command), where);
    }
}
