package dev.kairos.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.store.AgentLock;
import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A tool that opened agent.lock or state.db in-process would drop the agent's POSIX locks when it closed the file:
 * a second agent could start, SQLite could corrupt. Tools refuse those files, and search skips them.
 */
class ToolsNeverOpenTheAgentsOwnStateTest {
    @TempDir Path home;
    private final ObjectMapper json = new ObjectMapper();

    private static boolean canRun(String command) {
        try {
            return new ProcessBuilder(command, "--version").start().waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void readingOrSearchingTheHomeLeavesTheLockHeld() throws Exception {
        Files.writeString(home.resolve("state.db"), "zzzz");
        Files.writeString(home.resolve("notes.md"), "zzzz\n");
        ToolContext ctx = ToolContext.at(home, SettableClock.at("2026-11-25T10:00:00Z"));
        Tools tools = Tools.standard(Processes.runner(), Sandbox.none());
        try (AgentLock lock = AgentLock.acquire(home)) {
            ToolResult read = tools.call("read_file", (ObjectNode) json.readTree("{\"path\":\"agent.lock\"}"), ctx);
            assertThat(read.isError()).isTrue();
            assertThat(read.content()).contains("Kairos's own state");
            assertThat(tools.call("read_file", (ObjectNode) json.readTree("{\"path\":\"state.db\"}"), ctx).isError())
                    .isTrue();
            ToolResult search = tools.call("search_files", (ObjectNode) json.readTree("{\"pattern\":\"zzzz\"}"), ctx);
            assertThat(search.content()).contains("notes.md").doesNotContain("state.db").doesNotContain("agent.lock");

            // from outside this process, with the same kind of lock (fcntl): is it still held?
            ProcessBuilder probe = new ProcessBuilder("python3", "-c", "import fcntl,sys; f=open(sys.argv[1],'r+'); "
                    + "fcntl.lockf(f, fcntl.LOCK_EX | fcntl.LOCK_NB)", home.resolve("agent.lock").toString());
            Assumptions.assumeTrue(canRun("python3"), "python3 is needed to probe the lock from outside");
            assertThat(probe.redirectErrorStream(true).start().waitFor())
                    .as("another process still cannot take the lock").isNotZero();
        }
    }
}
