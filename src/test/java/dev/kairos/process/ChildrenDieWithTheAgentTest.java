package dev.kairos.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent is killed with kill -9 while a command it started runs: what the command started dies with it, and
 * what left the command's process group is killed at the next start, from the records the runner keeps.
 */
class ChildrenDieWithTheAgentTest {
    @TempDir Path tmp;
    private Process agent;

    @BeforeEach
    void needsSessions() {
        assumeTrue(Pids.sessionsFollowed(), "needs setsid and /proc (Linux): commands run untethered here");
    }

    @AfterEach
    void tearDown() {
        if (agent != null) agent.destroyForcibly();
    }

    private void startAgent(String script) throws IOException {
        agent = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RunnerChild.class.getName(),
                tmp.resolve("records").toString(), tmp.toString(), script))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("agent.log").toFile()).start();
    }

    private void killAgent() throws InterruptedException {
        agent.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs
        agent.waitFor();
    }

    @Test
    void aGrandchildDiesWithTheAgent() throws Exception {
        startAgent("sleep 300 & echo $! > grandchild.pid; wait");
        long grandchild = Pids.awaitIn(tmp.resolve("grandchild.pid"));

        killAgent();

        Pids.awaitGone(grandchild);
    }

    @Test
    void aProcessThatLeftTheGroupIsKilledAtTheNextStart() throws Exception {
        // job control puts the background sleep in a process group of its own, out of the tether's reach
        startAgent("set -m; sleep 301 & echo $! > escaped.pid; wait");
        long escaped = Pids.awaitIn(tmp.resolve("escaped.pid"));
        killAgent();

        int killed = new ProcessRunner(tmp.resolve("records"), System.getenv()).killLeftovers();

        assertThat(killed).isPositive();
        Pids.awaitGone(escaped);
        assertThat(tmp.resolve("records")).isEmptyDirectory();
    }
}
