package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.KairosProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One agent per home: a second `up` refuses, read-only verbs still work, SIGTERM stops the first cleanly. */
class SecondUpRefusesTest {
    @TempDir Path home;

    @Test
    void secondUpOnTheSameHomeRefusesWhileStatusStillWorks() throws Exception {
        Map<String, String> env = Map.of("KAIROS_HOME", home.toString(), "KAIROS_HTTP_PORT", "0");
        try (KairosProcess first = KairosProcess.start(env, "up", "--every", "1s")) {
            String started = first.awaitLine(l -> l.contains("kairos up:"), Duration.ofSeconds(60));
            String base = started.replaceAll(".*http=(http://127\\.0\\.0\\.1:\\d+).*", "$1");
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            JsonNode api = Json.MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/api/status"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(api.get("running").asBoolean()).isTrue();
            assertThat(api.has("idleBeatsToday")).isTrue();
            HttpResponse<String> foreign = http.send(HttpRequest.newBuilder(URI.create(base + "/api/tick"))
                    .header("Origin", "https://evil.example").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(foreign.statusCode()).as("a web page cannot make the agent beat").isEqualTo(403);

            CliRun tick = CliRun.run(env, InstantSource.system(), "tick", "--json");
            assertThat(tick.exitCode()).as(tick.err()).isZero();
            assertThat(Json.MAPPER.readTree(tick.out()).has("idle")).as("tick reached the agent's own port").isTrue();

            CliRun second = CliRun.run(env, InstantSource.system(), "up");
            assertThat(second.exitCode()).isEqualTo(1);
            assertThat(second.err().strip()).startsWith("kairos: Kairos is already running on " + home)
                    .contains("pid ").doesNotContain("\n").doesNotContain("Exception");

            CliRun status = CliRun.run(env, InstantSource.system(), "status", "--json");
            assertThat(status.exitCode()).isZero();
            JsonNode s = Json.MAPPER.readTree(status.out());
            assertThat(s.get("running").asBoolean()).isTrue();

            // 143 = 128 + SIGTERM: the JVM's exit status after its shutdown hooks ran
            // 143 = 128 + SIGTERM: the JVM's exit status after its shutdown hooks ran
            assertThat(first.terminate(Duration.ofSeconds(30))).isIn(0, 143);
            assertThat(first.output()).anyMatch(l -> l.contains("kairos stopped cleanly"));
        }
        CliRun after = CliRun.run(Map.of("KAIROS_HOME", home.toString()), InstantSource.system(), "status", "--json");
        assertThat(Json.MAPPER.readTree(after.out()).get("running").asBoolean()).isFalse();
    }
}
