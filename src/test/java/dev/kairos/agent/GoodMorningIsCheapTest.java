package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "good morning" on a fresh workspace: one request, under 3,000 input tokens, and it lands in the ledger. */
class GoodMorningIsCheapTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T08:00:00Z");

    @Test
    void anthropic() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.enqueue(Reply.text("Good morning! Nothing needs you yet."));
            Map<String, String> env = Map.of("KAIROS_HOME", home.toString(), "KAIROS_MODEL",
                    "anthropic/claude-sonnet-4-5", "ANTHROPIC_BASE_URL", server.baseUrl(), "ANTHROPIC_API_KEY", "k");
            assertGoodMorning(env, server, "anthropic/claude-sonnet-4-5");
        }
    }

    @Test
    void openAi() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.enqueue(Reply.text("Good morning! Nothing needs you yet."));
            Map<String, String> env = Map.of("KAIROS_HOME", home.toString(), "KAIROS_MODEL", "openai/gpt-4.1-mini",
                    "OPENAI_BASE_URL", server.baseUrl() + "/v1", "OPENAI_API_KEY", "k");
            assertGoodMorning(env, server, "openai/gpt-4.1-mini");
        }
    }

    private void assertGoodMorning(Map<String, String> env, FakeModelServer server, String model) throws Exception {
        assertThat(CliRun.run(env, clock, "init").exitCode()).isZero();
        CliRun chat = CliRun.run(env, clock, "chat", "good", "morning");
        assertThat(chat.err()).isEmpty();
        assertThat(chat.exitCode()).isZero();
        assertThat(chat.out().strip()).isEqualTo("Good morning! Nothing needs you yet.");
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(server.inputTokensReceived()).isPositive().isLessThan(3_000);

        JsonNode costs = Json.MAPPER.readTree(CliRun.run(env, clock, "costs", "--json").out());
        JsonNode day = costs.get("days").get(0);
        assertThat(day.get("date").asText()).isEqualTo("2026-11-25");
        assertThat(day.get("inputTokens").asLong() + day.get("cacheReadTokens").asLong()
                + day.get("cacheWriteTokens").asLong()).isEqualTo(server.inputTokensReceived());
        assertThat(day.get("byModel").has(model)).isTrue();
        assertThat(day.get("byKind").has("chat")).isTrue();
    }
}
