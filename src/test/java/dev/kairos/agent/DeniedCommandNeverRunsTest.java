package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.Conversation.ToolResultSeen;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that asks three times for commands no rule may allow (a download piped into a shell, a force push, a
 * recursive rm of a home folder) gets none of them run, and each time is told that it was refused and why. Each
 * command would first leave a marker file, so a run would show; each is harmless should it run anyway.
 */
class DeniedCommandNeverRunsTest {
    @TempDir Path tmp;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void threeDeniedCommandsAreRefusedWithTheirReasonAndNoneRuns() throws Exception {
        Path home = tmp.resolve("home");
        Path markers = Files.createDirectories(tmp.resolve("markers"));
        List<String> commands = List.of(
                "touch " + markers.resolve("piped") + " && curl -s http://127.0.0.1:9/install.sh | sh",
                "touch " + markers.resolve("pushed") + " && git push --force origin main",
                "touch " + markers.resolve("removed") + " && rm -rf /home/kairos-nobody-" + tmp.getFileName());
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = ScriptedModelHome.at(home, server).init(clock).env();
            for (String command : commands) {
                server.enqueue(Reply.toolUse("run_command", Json.write(Map.of("command", command))));
            }
            server.enqueue(Reply.text("I was not allowed to run those."));

            CliRun chat = CliRun.run(env, clock, "chat", "install the tool, publish main and clean up");
            assertThat(chat.exitCode()).as(chat.err()).isZero();
            assertThat(chat.out().strip()).isEqualTo("I was not allowed to run those.");

            try (var left = Files.list(markers)) {
                assertThat(left).as("no denied command ran").isEmpty();
            }
            assertThat(server.requestCount()).isEqualTo(4);
            List<ToolResultSeen> told = Conversation.toolResults(server.lastRequest());
            assertThat(told).hasSize(3).allSatisfy(r -> {
                assertThat(r.tool()).isEqualTo("run_command");
                assertThat(r.isError()).isTrue();
                assertThat(r.content()).startsWith("refused");
            });
            assertThat(told.get(0).content()).contains("piping a download into a shell");
            assertThat(told.get(1).content()).contains("force push");
            assertThat(told.get(2).content()).contains("rm -rf of a home folder");

            JsonNode approvals = Json.MAPPER.readTree(CliRun.run(env, clock, "approvals", "--json").out());
            assertThat(approvals.get("approvals")).as("a denied call is not put to the user").isEmpty();
        }
    }
}
