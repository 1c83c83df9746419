package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.effect.Effect;
import dev.kairos.effect.Outbox;
import dev.kairos.json.Json;
import dev.kairos.store.Store;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `kairos status --json` counts the outbox's effects by state; the text form says how many wait. */
class StatusCountsTheOutboxTest {
    @TempDir Path tmp;
    private final SettableClock clock = SettableClock.at("2026-11-26T09:00:00Z");

    @Test
    void statusCountsPendingDeliveredAndFailedEffects() throws Exception {
        Path home = tmp.resolve("home");
        Map<String, String> env = Map.of("KAIROS_HOME", home.toString());
        assertThat(CliRun.run(env, clock, "init").exitCode()).isZero();

        JsonNode empty = Json.MAPPER.readTree(CliRun.run(env, clock, "status", "--json").out()).get("outbox");
        assertThat(empty.get("pending").asInt()).isZero();
        assertThat(empty.get("delivered").asInt()).isZero();
        assertThat(empty.get("failed").asInt()).isZero();

        Outbox outbox = new Outbox(Store.open(home.resolve("state.db")).jdbi(), clock);
        outbox.record(Effect.Draft.of("ntfy", "notify:1", "{}"));
        outbox.record(Effect.Draft.of("ntfy", "notify:2", "{}"));

        JsonNode two = Json.MAPPER.readTree(CliRun.run(env, clock, "status", "--json").out()).get("outbox");
        assertThat(two.get("pending").asInt()).isEqualTo(2);
        assertThat(CliRun.run(env, clock, "status").out()).contains("  outbox:         2 to deliver, 0 delivered, 0 failed");
    }
}
