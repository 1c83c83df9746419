package dev.kairos.tool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.process.ProcessRunner;
import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run_command as a plain process: what holds with or without the sandbox. */
class RunCommandTest {
    @TempDir Path root;
    final Tools tools = Tools.standard(Processes.runner(), Sandbox.none());
    ToolContext ctx;

    @BeforeEach
    void setUp() {
        ctx = ToolContext.at(root, SettableClock.at("2026-11-25T10:00:00Z"));
    }

    @Test
    void aCommandRunsInTheRootAndReportsItsExitCode() throws Exception {
        Files.createDirectories(root.resolve("sub"));
        ToolResult ok = tools.call("run_command", Input.of("command", "pwd; echo out; echo err >&2"), ctx);
        assertThat(ok).isEqualTo(ToolResult.ok("exit code: 0\n" + root.toRealPath() + "\nout\nerr\n"));
        ToolResult inSub = tools.call("run_command", Input.of("command", "pwd", "cwd", "sub"), ctx);
        assertThat(inSub.content()).isEqualTo("exit code: 0\n" + root.toRealPath().resolve("sub") + "\n");
    }

    @Test
    void aFailingCommandIsAnErrorWithItsExitCode() {
        ToolResult r = tools.call("run_command", Input.of("command", "echo broken; exit 3"), ctx);
        assertThat(r).isEqualTo(ToolResult.error("exit code: 3\nbroken\n"));
        assertThat(tools.call("run_command", Input.of("command", "true"), ctx).content())
                .isEqualTo("exit code: 0\n(no output)");
    }

    @Test
    void aCommandThatRunsTooLongIsKilledWithItsChildren() throws Exception {
        ToolContext quick = ctx.withCommandTimeout(Duration.ofMillis(500));
        ToolResult r = tools.call("run_command",
                Input.of("command", "sleep 60 & echo $! > child.pid; echo started; wait"), quick);
        assertThat(r.isError()).isTrue();
        assertThat(r.content()).startsWith("timed out after 500ms; the command and its children were killed\n")
                .contains("started");
        long child = Long.parseLong(Files.readString(root.resolve("child.pid")).strip());
        assertThat(Running.awaitZero(() -> Running.running(child) ? 1 : 0)).isZero();
    }

    @Test
    void aCommandCannotReadStandardInput() {
        ToolContext quick = ctx.withCommandTimeout(Duration.ofSeconds(20));
        ToolResult r = tools.call("run_command", Input.of("command", "cat; echo done"), quick);
        assertThat(r).isEqualTo(ToolResult.ok("exit code: 0\ndone\n"));
    }

    @Test
    void secretsInTheEnvironmentAreNotPassedOn(@TempDir Path records) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(Map.of("ANTHROPIC_API_KEY", "sk-ant-secret", "GITHUB_TOKEN", "ghp_secret", "MY_PASSWORD", "x",
                "KAIROS_TELEGRAM_TOKEN", "t", "KAIROS_HOME", "/home/k", "GIT_DIR", "/elsewhere/.git",
                "SSH_AUTH_SOCK", "/tmp/agent.sock", "PLAIN_SETTING", "kept"));
        Tools planted = Tools.standard(new ProcessRunner(records, env), Sandbox.none());
        ToolResult r = planted.call("run_command", Input.of("command", "env | cut -d= -f1 | sort"), ctx);
        assertThat(r.content().lines()).contains("PATH", "PLAIN_SETTING", "TERM", "GIT_TERMINAL_PROMPT")
                .doesNotContain("ANTHROPIC_API_KEY", "GITHUB_TOKEN", "MY_PASSWORD", "KAIROS_TELEGRAM_TOKEN",
                        "KAIROS_HOME", "GIT_DIR", "SSH_AUTH_SOCK");
    }

    @Test
    void aCwdOutsideTheRootIsRefused() {
        ToolResult r = tools.call("run_command", Input.of("command", "ls", "cwd", "/etc"), ctx);
        assertThat(r.content()).startsWith("refused: '/etc' is /etc, outside the folders this task may read");
    }

    @Test
    void aCommandPastItsWaitGoesToTheBackgroundAndOneTheBackgroundRefusesIsKilled() throws Exception {
        java.util.concurrent.CompletableFuture<String> ended = new java.util.concurrent.CompletableFuture<>();
        ToolContext handedOver = ctx.withCommandTimeout(Duration.ofMillis(200)).withBackground((command, cwd, end) -> {
            end.thenAccept(r -> ended.complete(r.text()));
            return 4;
        });
        ToolResult r = tools.call("run_command", Input.of("command", "sleep 1; echo finished"), handedOver);
        assertThat(r.isError()).isFalse();
        assertThat(r.content()).startsWith("still running in the background as job 4 (waited 200ms)");
        assertThat(ended.get(20, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo("finished\n");

        ToolContext refused = ctx.withCommandTimeout(Duration.ofMillis(200)).withBackground((command, cwd, end) -> {
            throw new IllegalStateException("kairos is stopping");
        });
        ToolResult cut = tools.call("run_command",
                Input.of("command", "sleep 60 & echo $! > child.pid; wait"), refused);
        assertThat(cut.isError()).isTrue();
        assertThat(cut.content()).contains("could not go on in the background (kairos is stopping); it was killed");
        long child = Long.parseLong(Files.readString(root.resolve("child.pid")).strip());
        assertThat(Running.awaitZero(() -> Running.running(child) ? 1 : 0)).isZero();
    }
}
