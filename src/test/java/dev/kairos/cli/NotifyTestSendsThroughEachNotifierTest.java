package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.LoopbackHttp;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `kairos notify test` sends through every configured notifier at once, not through the outbox, and says which
 * worked; with none configured it says how to configure one and exits 1.
 */
class NotifyTestSendsThroughEachNotifierTest {
    @TempDir Path tmp;
    private final SettableClock clock = SettableClock.at("2026-11-26T09:00:00Z");
    private final LoopbackHttp ntfy = LoopbackHttp.start();
    private Map<String, String> env;

    @BeforeEach
    void init() {
        env = Map.of("KAIROS_HOME", tmp.resolve("home").toString(), "KAIROS_NTFY_URL", ntfy.url("/kairos-test").toString(),
                "KAIROS_NTFY_TOKEN", "tk_secret_token");
        assertThat(CliRun.run(env, clock, "init").exitCode()).isZero();
    }

    @AfterEach
    void stop() {
        ntfy.close();
    }

    @Test
    void aLoopbackNtfyServerGetsAWellFormedMessageAndTheCommandSaysItWorked() {
        ntfy.answer(r -> LoopbackHttp.Answer.of(200, "{\"id\":\"t3st1d\",\"event\":\"message\"}"));

        CliRun run = CliRun.run(env, clock, "notify", "test");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("ok      ntfy: delivered: t3st1d").doesNotContain("tk_secret_token");
        LoopbackHttp.Received r = ntfy.received().getFirst();
        assertThat(r.path()).isEqualTo("/");
        assertThat(r.header("Authorization")).isEqualTo("Bearer tk_secret_token");
        JsonNode body = Json.tree(r.text());
        assertThat(body.get("topic").asText()).isEqualTo("kairos-test");
        assertThat(body.get("title").asText()).isEqualTo("Kairos test");
        assertThat(body.get("message").asText()).contains("ntfy");
        assertThat(body.get("priority").asInt()).isEqualTo(3);
        // a test of the settings, not an effect: nothing waits in the outbox
        JsonNode outbox = Json.tree(CliRun.run(env, clock, "status", "--json").out()).get("outbox");
        assertThat(outbox.get("pending").asInt() + outbox.get("delivered").asInt()).isZero();
    }

    @Test
    void jsonListsEachNotifierWithNameOkAndDetail() {
        ntfy.answer(r -> LoopbackHttp.Answer.of(403, "{\"code\":40301,\"http\":403,\"error\":\"forbidden\"}"));

        CliRun run = CliRun.run(env, clock, "notify", "test", "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        JsonNode notifiers = Json.tree(run.out()).get("notifiers");
        assertThat(notifiers).hasSize(1);
        assertThat(notifiers.get(0).get("name").asText()).isEqualTo("ntfy");
        assertThat(notifiers.get(0).get("ok").asBoolean()).isFalse();
        assertThat(notifiers.get(0).get("detail").asText()).contains("refused").contains("HTTP 403");
    }

    @Test
    void noneConfiguredSaysHowToConfigureOneAndExitsOne() {
        Map<String, String> bare = Map.of("KAIROS_HOME", tmp.resolve("home").toString());

        CliRun run = CliRun.run(bare, clock, "notify", "test");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).contains("No notifier is configured").contains("KAIROS_NTFY_URL").contains("/push")
                .contains("notify.email");
        CliRun json = CliRun.run(bare, clock, "notify", "test", "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(Json.tree(json.out()).get("notifiers")).isEmpty();
        assertThat(ntfy.received()).isEmpty();
    }
}
