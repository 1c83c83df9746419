package dev.kairos.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.SettableClock;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /api/chat answers with the object `kairos chat --json` prints, field for field; the exchange joins the
 * user's conversation and the journal; GET /api/chat/history gives it back with what the answer cost.
 */
class ChatApiAnswersAsTheChatCommandDoesTest {
    @TempDir Path tmp;
    private final SettableClock clock = SettableClock.at("2026-11-25T08:00:00Z");

    @Test
    void theApiAndTheCommandAnswerWithTheSameFields() throws Exception {
        try (FakeModelServer model = FakeModelServer.start();
                ChatServer server = ChatServer.start(tmp.resolve("home"), model, clock, Map.of())) {
            model.enqueue(Reply.text("Good morning! Your recital is on Friday.").usage(1200, 14, 0, 0));
            HttpResponse<String> res = server.send(server.postJson("/api/chat", Map.of("text", "good morning")));

            assertThat(res.statusCode()).as(res.body()).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("application/json"));
            JsonNode answer = Json.MAPPER.readTree(res.body());
            assertThat(fields(answer)).containsExactly("reply", "modelCalls", "inputTokens", "outputTokens",
                    "cacheWriteTokens", "cacheReadTokens", "costUsd", "note");
            assertThat(answer.get("reply").asText()).isEqualTo("Good morning! Your recital is on Friday.");
            assertThat(answer.get("modelCalls").asInt()).isEqualTo(1);
            assertThat(answer.get("inputTokens").asLong()).isEqualTo(1200);
            assertThat(answer.get("outputTokens").asLong()).isEqualTo(14);
            // claude-sonnet-4-5 at $3 in and $15 out per million tokens
            assertThat(answer.get("costUsd").asDouble()).isEqualTo((1200 * 3 + 14 * 15) / 1e6);
            assertThat(answer.get("note").asText()).isEmpty();
            assertThat(model.requestCount()).isEqualTo(1);
            assertThat(model.lastRequest().streamed()).as("one JSON answer needs no stream").isFalse();

            List<String> journal = Files.readAllLines(server.home.home().resolve("memory/journal/2026-11-25.md"));
            assertThat(journal).filteredOn(l -> l.contains("user: good morning")).hasSize(1);
            assertThat(journal).filteredOn(l -> l.contains("kairos: Good morning! Your recital")).hasSize(1);

            clock.advance(Duration.ofMinutes(1));
            model.enqueue(Reply.text("Noted.").usage(1300, 3, 0, 0));
            CliRun cli = CliRun.run(server.home.env(), clock, "chat", "--json", "remember the tuner");
            assertThat(cli.exitCode()).as(cli.err()).isZero();
            JsonNode printed = Json.MAPPER.readTree(cli.out());
            assertThat(fields(printed)).as("kairos chat --json").isEqualTo(fields(answer));
            assertThat(printed.get("reply").asText()).isEqualTo("Noted.");

            JsonNode history = Json.MAPPER.readTree(server.send(server.request("/api/chat/history")).body());
            JsonNode messages = history.get("messages");
            assertThat(messages).hasSize(4);
            assertThat(messages.get(0).get("role").asText()).isEqualTo("user");
            assertThat(messages.get(0).get("text").asText()).isEqualTo("good morning");
            assertThat(messages.get(0).get("cost").isNull()).isTrue();
            JsonNode first = messages.get(1);
            assertThat(first.get("role").asText()).isEqualTo("assistant");
            assertThat(first.get("text").asText()).isEqualTo("Good morning! Your recital is on Friday.");
            assertThat(first.get("at").asText()).isEqualTo("2026-11-25T08:00:00Z");
            assertThat(first.get("cost").get("inputTokens").asLong()).as("the first answer's own cost").isEqualTo(1200);
            assertThat(first.get("cost").get("calls").asInt()).isEqualTo(1);
            assertThat(messages.get(3).get("cost").get("outputTokens").asLong()).isEqualTo(3);

            JsonNode last = Json.MAPPER.readTree(server.send(server.request("/api/chat/history?limit=1")).body());
            assertThat(last.get("messages")).singleElement()
                    .satisfies(m -> assertThat(m.get("text").asText()).isEqualTo("Noted."));
        }
    }

    @Test
    void theDashboardLinksToTheChat() throws Exception {
        try (FakeModelServer model = FakeModelServer.start();
                ChatServer server = ChatServer.start(tmp.resolve("home"), model, clock, Map.of())) {
            assertThat(server.send(server.request("/")).body()).contains("<a href=\"/chat\">");
            HttpResponse<String> page = server.send(server.request("/chat"));
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("<textarea id=\"message\"");
            assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp ->
                    assertThat(csp).contains("default-src 'none'").contains("script-src 'sha256-")
                            .doesNotContain("unsafe-inline"));
        }
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
