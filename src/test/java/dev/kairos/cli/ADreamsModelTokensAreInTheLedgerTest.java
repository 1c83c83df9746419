package dev.kairos.cli;

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
 * With KAIROS_SMALL_MODEL set, `kairos dream` rewrites with that model, and what it spent is the dream's own line in
 * the ledger, under that model's name: `kairos costs` shows it. A dry run spends nothing.
 */
class ADreamsModelTokensAreInTheLedgerTest {
    static final String SMALL = "anthropic/claude-haiku-4-5";
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T03:00:00Z");

    @Test
    void theSmallModelsTokensAreTheDreamsLedgerLine() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.respondWith(r -> Reply.text("- user: Runs by the river, laps 1 and 2 at dawn. [1, 2]"));
            Map<String, String> env = ScriptedModelHome.at(home, server).with("KAIROS_SMALL_MODEL", SMALL)
                    .init(clock).env();
            Files.writeString(home.resolve("memory/journal/2026-11-24.md"), "# 2026-11-24\n\n"
                    + "- 09:00 user: I went running by the river, lap 1 felt easy at dawn. (chat 1 user)\n"
                    + "- 09:05 user: I went running by the river again, lap 2 felt easy at dawn. (chat 2 user)\n");

            CliRun dry = CliRun.run(env, clock, "dream", "--dry-run");
            assertThat(dry.exitCode()).as(dry.err()).isZero();
            assertThat(server.requestCount()).as("a dry run spends nothing").isZero();

            CliRun dreamt = CliRun.run(env, clock, "dream", "--json");
            assertThat(dreamt.exitCode()).as(dreamt.err()).isZero();
            JsonNode r = Json.MAPPER.readTree(dreamt.out());
            assertThat(server.requestCount()).isEqualTo(1);
            assertThat(r.get("rewritten").asInt()).isEqualTo(1);
            assertThat(Files.readString(home.resolve("memory/topics/user.md")))
                    .contains("- user: Runs by the river, laps 1 and 2 at dawn. (2026-11-24; chat 1 user, chat 2 user)");

            JsonNode day = Json.MAPPER.readTree(CliRun.run(env, clock, "costs", "--json").out()).get("days").get(0);
            JsonNode dream = day.get("byKind").get("dream");
            assertThat(dream.get("inputTokens").asLong()).isEqualTo(server.inputTokensReceived()).isPositive();
            assertThat(dream.get("inputTokens").asLong() + dream.get("outputTokens").asLong())
                    .isEqualTo(r.get("tokens").asLong());
            assertThat(day.get("byModel").has(SMALL)).isTrue();
        }
    }
}
