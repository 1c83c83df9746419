package dev.kairos.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.Kairos;
import dev.kairos.Status;
import dev.kairos.config.ConfigReader;
import dev.kairos.config.Workspace;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A simulated day of 48 beats with nothing new: zero requests reach the model, nothing is journaled. */
class IdleDayCostsNoTokensTest {
    @TempDir Path home;

    @Test
    void fortyEightIdleBeatsMakeNoModelRequest() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            new Workspace(home).init();
            Files.writeString(home.resolve("kairos.yaml"), "timezone: Europe/Berlin\n");
            Map<String, String> env = Map.of("KAIROS_MODEL", "anthropic/claude-sonnet-4-5",
                    "ANTHROPIC_BASE_URL", server.baseUrl(), "ANTHROPIC_API_KEY", "k");
            SettableClock clock = SettableClock.at("2026-11-24T23:00:00Z"); // midnight in Berlin
            try (Kairos k = Kairos.open(ConfigReader.read(home, env), env, clock)) {
                assertThat(k.agent()).isPresent();
                for (int beat = 0; beat < 48; beat++) {
                    BeatReport r = k.heartbeat().beat();
                    assertThat(r.idle()).isTrue();
                    assertThat(r.modelCalls()).isZero();
                    clock.advance(Duration.ofMinutes(30));
                }
                clock.advance(Duration.ofMinutes(-30));
                Status s = k.status();
                assertThat(s.beatsToday()).isEqualTo(48);
                assertThat(s.idleBeatsToday()).isEqualTo(48);
                assertThat(s.today().inputTokens()).isZero();
            }
            assertThat(server.requestCount()).isZero();
            try (var days = Files.list(home.resolve("memory/journal"))) {
                assertThat(days.filter(p -> p.toString().endsWith(".md"))).isEmpty();
            }
        }
    }
}
