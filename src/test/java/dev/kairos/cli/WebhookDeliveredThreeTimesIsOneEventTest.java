package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.github.GitHubWebhooks;
import dev.kairos.json.Json;
import dev.kairos.store.Store;
import dev.kairos.testkit.Await;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.KairosProcess;
import dev.kairos.testkit.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As a user would: `kairos up` with GITHUB_WEBHOOK_SECRET set takes a signed delivery arriving through a tunnel
 * (a Host that is not loopback), refuses a forged one with 401 (one log line, no secret in it), and the same
 * delivery posted three times is one github.* event. The delivery wakes the heartbeat (its interval here is an
 * hour), whose beat takes the event at once, so `kairos tick --json` afterwards finds it already taken and nothing
 * more: the one event is counted in the journal and in state.db.
 */
class WebhookDeliveredThreeTimesIsOneEventTest {
    private static final String SECRET = "e2e-webhook-secret-5f1c";
    private static final Path FAILED_CHECK =
            Path.of("../shared/data/github-webhooks/payload-examples/check_run/completed.1.payload.json");

    @TempDir Path home;

    @Test
    void signedTakenForgedRefusedAndThreeDeliveriesOneEvent() throws Exception {
        Map<String, String> env = Map.of("KAIROS_HOME", home.toString(), "KAIROS_HTTP_PORT", "0",
                "GITHUB_WEBHOOK_SECRET", SECRET, "KAIROS_TIMEZONE", "UTC");
        assertThat(CliRun.run(env, InstantSource.system(), "init").exitCode()).isZero();
        assertThat(CliRun.run(env, InstantSource.system(), "github", "subscribe", "Codertocat/Hello-World")
                .exitCode()).isZero();
        byte[] body = Files.readAllBytes(FAILED_CHECK);

        try (KairosProcess up = KairosProcess.start(env, "up", "--every", "1h")) {
            String started = up.awaitLine(l -> l.contains("kairos up:"), Duration.ofSeconds(60));
            Matcher port = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)").matcher(started);
            assertThat(port.find()).as(started).isTrue();
            int p = Integer.parseInt(port.group(1));
            // the beat at start is over (idle) before anything is delivered: the next comes only if woken
            Await.until(Duration.ofSeconds(60), "the first beat", () -> !Json.tree(status(p)).path("lastBeat").isNull());

            RawHttp.Response first = deliver(p, body, GitHubWebhooks.signature(SECRET, body));
            RawHttp.Response second = deliver(p, body, GitHubWebhooks.signature(SECRET, body));
            RawHttp.Response third = deliver(p, body, GitHubWebhooks.signature(SECRET, body));
            RawHttp.Response forged = deliver(p, body, GitHubWebhooks.signature("not-the-secret", body));

            assertThat(first.status()).as(first.body()).isEqualTo(202);
            assertThat(second.status()).isEqualTo(200);
            assertThat(third.status()).isEqualTo(200);
            assertThat(forged.status()).isEqualTo(401);
            String refused = up.awaitLine(l -> l.contains("github webhook refused"), Duration.ofSeconds(30));
            assertThat(refused).contains("status=401", "delivery=f0e1d2c3-0000-4000-8000-000000000001",
                    "event=check_run").doesNotContain(SECRET);
            up.awaitLine(l -> l.contains("beat events=1 (github.check_run)"), Duration.ofSeconds(30)); // woken

            JsonNode tick = Json.tree(CliRun.run(env, InstantSource.system(), "tick", "--json").out());
            assertThat(tick.path("events").findValuesAsText("kind")).noneMatch(k -> k.startsWith("github."));
            String journal;
            try (var days = Files.list(home.resolve("memory/journal"))) {
                journal = days.map(WebhookDeliveredThreeTimesIsOneEventTest::read).reduce("", String::concat);
            }
            assertThat(journal.lines().filter(l -> l.contains("github.check_run")))
                    .singleElement().asString()
                    .contains("check 'Octocoders-linter' failed on changes at ec26c3e in Codertocat/Hello-World");
            int stored = Store.open(home.resolve("state.db")).jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(*) FROM events WHERE source = 'github'").mapTo(Integer.class).one());
            assertThat(stored).isEqualTo(1);
            assertThat(up.terminate(Duration.ofSeconds(30))).isIn(0, 143);
        }
    }

    private static String status(int port) {
        try {
            return RawHttp.send(port, "GET", "/api/status", Map.of(), new byte[0]).body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static RawHttp.Response deliver(int port, byte[] body, String signature) throws Exception {
        return RawHttp.post(port, "/hooks/github", Map.of("Host", "quiet-river-1234.trycloudflare.com",
                "X-GitHub-Event", "check_run", "X-GitHub-Delivery", "f0e1d2c3-0000-4000-8000-000000000001",
                "X-Hub-Signature-256", signature, "Content-Type", "application/json"), body);
    }
}
