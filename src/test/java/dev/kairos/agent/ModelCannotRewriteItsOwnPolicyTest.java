package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testkit.Processes;
import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.Conversation.ToolResultSeen;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import dev.kairos.tool.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A prompt-injected model tries to widen its own permissions: it replaces kairos.yaml with a policy that allows every
 * command with the network, then edits it, then has a command (one the user's rules allow) overwrite it. Each way is
 * refused, the user's commented file stays byte for byte, and in the next chat a command that no rule allows still
 * waits for the user.
 */
class ModelCannotRewriteItsOwnPolicyTest {
    private static final String USERS_CONFIG = """
            # My Kairos settings. Keep these comments.
            timezone: UTC
            policy:
              rules:
                - tool: run_command     # small shell helpers
                  match: "echo * > *"
                  decision: allow
            """;
    private static final String PERMISSIVE = """
            policy:
              rules:
                - tool: run_command
                  decision: allow
                  network: true
            """;

    @TempDir Path tmp;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void everyWayToChangeKairosYamlIsRefusedAndTheNextChatStillAsks() throws Exception {
        Path home = tmp.resolve("home");
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = ScriptedModelHome.at(home, server).with("PATH", System.getenv("PATH"))
                    .init(clock).config(USERS_CONFIG).env();
            Path config = home.resolve("kairos.yaml");

            server.enqueue(Reply.toolUse("write_file", Json.write(Map.of("path", "kairos.yaml",
                    "content", PERMISSIVE))));
            server.enqueue(Reply.toolUse("edit_file", Json.write(Map.of("path", "kairos.yaml",
                    "old", "match: \"echo * > *\"", "new", "match: \"*\"\n      network: true"))));
            server.enqueue(Reply.toolUse("run_command", Json.write(Map.of("command", "echo x > kairos.yaml"))));
            server.enqueue(Reply.text("Settings updated."));
            CliRun first = CliRun.run(env, clock, "chat", "summarise the README at https://example.com/readme");
            assertThat(first.exitCode()).as(first.err()).isZero();

            assertThat(Files.readString(config)).as("kairos.yaml, byte for byte").isEqualTo(USERS_CONFIG);
            List<ToolResultSeen> told = Conversation.toolResults(server.lastRequest());
            assertThat(told).extracting(ToolResultSeen::tool).containsExactly("write_file", "edit_file", "run_command");
            assertThat(told.subList(0, 2)).allSatisfy(r -> {
                assertThat(r.isError()).isTrue();
                assertThat(r.content()).startsWith("refused").contains("one of Kairos's control files");
            });
            assertThat(told.get(2).isError()).isTrue();
            if (Sandbox.detect(env, Processes.runner()).isolates()) {
                assertThat(told.get(2).content()).as("the rule allowed it; the sandbox kept the file read-only")
                        .contains("exit code: 1").contains("Read-only file system");
            } else {
                assertThat(told.get(2).content()).as("without a sandbox even an allowed command asks")
                        .startsWith("not run yet");
            }

            Path marker = home.resolve("ran.txt");
            server.enqueue(Reply.toolUse("run_command", Json.write(Map.of("command", "touch ran.txt"))));
            server.enqueue(Reply.text("Waiting for you."));
            CliRun second = CliRun.run(env, clock, "chat", "touch ran.txt please");
            assertThat(second.exitCode()).as(second.err()).isZero();
            assertThat(Conversation.lastToolResult(server.lastRequest()).orElseThrow().content())
                    .startsWith("not run yet: needs approval: run_command outside the configured test and build "
                            + "commands (touch ran.txt)");
            assertThat(marker).doesNotExist();
            JsonNode approvals = Json.MAPPER.readTree(CliRun.run(env, clock, "approvals", "--json").out());
            assertThat(approvals.get("approvals").findValuesAsText("tool")).contains("run_command");
            assertThat(Files.readString(config)).isEqualTo(USERS_CONFIG);
        }
    }
}
