package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model with no known price is recorded at $0, so a money budget cannot stop it: `status` says so, its tokens
 * count against the token budgets, and with a money budget but no token budget nothing is sent (fail closed). A
 * local Ollama model is known to be free.
 */
class UnpricedModelIsHeldByTokenBudgetsTest {
    private static final String MODEL = "anthropic/claude-future-9";

    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void aMoneyBudgetAloneSendsNothingAndATokenBudgetHoldsIt() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = ScriptedModelHome.at(home, server).with("KAIROS_MODEL", MODEL)
                    .init(clock).config("timezone: UTC\nbudget:\n  dailyUsd: 1\n").env();

            JsonNode status = Json.MAPPER.readTree(CliRun.run(env, clock, "status", "--json").out());
            assertThat(status.get("problems").toString()).contains("no price is known for " + MODEL);

            CliRun refused = CliRun.run(env, clock, "chat", "hello");
            assertThat(server.requestCount()).as("a money budget cannot hold it: nothing is sent").isZero();
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.err().strip()).startsWith("kairos: not sent: no price is known for " + MODEL)
                    .contains("prices").doesNotContain("\n");

            Files.writeString(home.resolve("kairos.yaml"),
                    "timezone: UTC\nbudget:\n  dailyUsd: 1\n  dailyTokens: 1000\n");
            server.enqueue(Reply.text("Hello.").usage(900, 200, 0, 0));
            assertThat(CliRun.run(env, clock, "chat", "hello").exitCode()).isZero();
            CliRun spent = CliRun.run(env, clock, "chat", "and again");
            assertThat(server.requestCount()).isEqualTo(1);
            assertThat(spent.err()).contains("today's token budget is spent (1100 of 1000)");
        }
    }

    @Test
    void aLocalOllamaModelIsKnownToBeFree() throws Exception {
        Map<String, String> env = Map.of("KAIROS_HOME", home.toString(), "KAIROS_MODEL", "ollama/llama3.2");
        assertThat(CliRun.run(env, clock, "init").exitCode()).isZero();

        JsonNode status = Json.MAPPER.readTree(CliRun.run(env, clock, "status", "--json").out());

        assertThat(status.get("problems").toString()).doesNotContain("no price is known");
    }
}
