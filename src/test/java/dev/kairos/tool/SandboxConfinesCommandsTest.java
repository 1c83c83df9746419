package dev.kairos.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kairos.process.ProcessRunner;
import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** run_command under bubblewrap; skipped where bwrap cannot run (CI installs it). */
class SandboxConfinesCommandsTest {
    static final ProcessRunner runner = Processes.runner();
    static Sandbox sandbox;
    @TempDir Path base;
    Path worktree;
    Path elsewhere;
    Tools tools;
    ToolContext ctx;

    @BeforeAll
    static void detect() {
        sandbox = Sandbox.detect(System.getenv(), runner);
    }

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(sandbox.isolates(), "bwrap is not available here");
        worktree = Files.createDirectories(base.resolve("worktree"));
        elsewhere = Files.createDirectories(base.resolve("elsewhere"));
        tools = Tools.standard(runner, sandbox);
        ctx = ToolContext.at(worktree, SettableClock.at("2026-11-25T10:00:00Z"))
                .withCommandTimeout(Duration.ofSeconds(30));
    }

    @Test
    void theWorktreeIsWritable() throws Exception {
        ToolResult r = tools.call("run_command", Input.of("command", "echo made > made.txt && cat made.txt"), ctx);
        assertThat(r).isEqualTo(ToolResult.ok("exit code: 0\nmade\n"));
        assertThat(Files.readString(worktree.resolve("made.txt"))).isEqualTo("made\n");
    }

    @Test
    void nothingOutsideTheWorktreeIsWritable() throws Exception {
        Files.writeString(elsewhere.resolve("kept.txt"), "kept\n");
        ToolResult r = tools.call("run_command", Input.of("command",
                "echo x > " + elsewhere + "/new.txt; echo x > " + elsewhere + "/kept.txt; rm -f " + elsewhere
                        + "/kept.txt; echo x > /usr/kairos-sandbox-test; touch " + System.getProperty("user.home")
                        + "/kairos-sandbox-test; echo end"), ctx);
        assertThat(elsewhere.resolve("new.txt")).doesNotExist();
        assertThat(Files.readString(elsewhere.resolve("kept.txt"))).isEqualTo("kept\n");
        assertThat(Path.of("/usr/kairos-sandbox-test")).doesNotExist();
        assertThat(Path.of(System.getProperty("user.home"), "kairos-sandbox-test")).doesNotExist();
        assertThat(r.content()).contains("Read-only file system").endsWith("end\n");
    }

    @Test
    void theNetworkIsUnreachableUnlessAllowed() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.accept();
                } catch (IOException e) {
                    return null;
                }
            });
            String connect = "echo hello > /dev/tcp/127.0.0.1/" + server.getLocalPort() + " && echo connected";

            ToolResult cut = tools.call("run_command", Input.of("command", connect), ctx);
            assertThat(cut.isError()).isTrue();
            assertThat(cut.content()).contains("Connection refused").doesNotContain("connected");
            assertThat(accepted).isNotDone();

            ToolResult open = tools.call("run_command", Input.of("command", connect), ctx.withNetwork(true));
            assertThat(open).isEqualTo(ToolResult.ok("exit code: 0\nconnected\n"));
            accepted.get(10, TimeUnit.SECONDS).close();
        }
    }

    @Test
    void aTimedOutSandboxLeavesNoProcessBehind() throws Exception {
        ToolResult r = tools.call("run_command", Input.of("command", "sleep 987 & wait"),
                ctx.withCommandTimeout(Duration.ofMillis(700)));
        assertThat(r.content()).startsWith("timed out after 700ms");
        // the sandbox has its own process ids: look for the sleep among the host's processes (killing is not instant)
        assertThat(Running.awaitZero(SandboxConfinesCommandsTest::sleepsLeft)).isZero();
    }

    private static long sleepsLeft() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").endsWith("sleep 987"))
                .filter(p -> Running.running(p.pid())).count();
    }
}
