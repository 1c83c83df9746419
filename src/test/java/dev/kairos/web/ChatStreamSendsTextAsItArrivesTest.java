package dev.kairos.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.SettableClock;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * POST /api/chat/stream sends the model's text in the pieces the provider streams it in, names each tool call as the
 * model makes it, and ends with the same object POST /api/chat answers, cost included.
 */
class ChatStreamSendsTextAsItArrivesTest {
    @TempDir Path tmp;
    private final SettableClock clock = SettableClock.at("2026-11-25T08:00:00Z");

    record Event(String name, JsonNode data) {}

    @Test
    void textComesInPiecesThenToolCallsThenTheAnswerWithItsCost() throws Exception {
        try (FakeModelServer model = FakeModelServer.start();
                ChatServer server = ChatServer.start(tmp.resolve("home"), model, clock, Map.of())) {
            Files.writeString(server.home.home().resolve("notes.md"), "The recital is on Friday.\n");
            model.enqueue(Reply.text("Let me look.").andToolUse("read_file", "{\"path\":\"notes.md\"}"));
            String answer = "Your recital is on Friday, café at 9 ☕.";
            model.enqueue(Reply.text(answer));

            HttpResponse<String> res = server.send(server.postJson("/api/chat/stream", Map.of("text", "when?"))
                    .header("Accept", "text/event-stream"));

            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
                    .startsWith("text/event-stream"));
            List<Event> events = events(res.body());
            List<String> names = events.stream().map(Event::name).toList();
            assertThat(names.getLast()).isEqualTo("done");
            assertThat(names).containsSubsequence("text", "tool", "text", "done");
            assertThat(events).filteredOn(e -> e.name().equals("tool")).singleElement()
                    .satisfies(e -> assertThat(e.data().get("tool").asText()).isEqualTo("read_file"));
            List<String> pieces = events.stream().filter(e -> e.name().equals("text"))
                    .map(e -> e.data().get("text").asText()).toList();
            assertThat(pieces.size()).as("the text arrives in pieces, not at the end").isGreaterThan(4);
            assertThat(String.join("", pieces)).isEqualTo("Let me look." + answer);

            JsonNode done = events.getLast().data();
            assertThat(done.get("reply").asText()).isEqualTo(answer);
            assertThat(done.get("modelCalls").asInt()).isEqualTo(2);
            assertThat(done.get("inputTokens").asLong()).isPositive();
            assertThat(done.get("costUsd").asDouble()).isPositive();
            assertThat(model.requests()).allSatisfy(r -> assertThat(r.streamed()).isTrue());
        }
    }

    @Test
    void aProviderFailureEndsTheStreamWithOneLine() throws Exception {
        try (FakeModelServer model = FakeModelServer.start();
                ChatServer server = ChatServer.start(tmp.resolve("home"), model, clock, Map.of())) {
            model.enqueue(Reply.error(401));
            HttpResponse<String> res = server.send(server.postJson("/api/chat/stream", Map.of("text", "hi"))
                    .header("Accept", "text/event-stream"));
            Event last = events(res.body()).getLast();
            assertThat(last.name()).isEqualTo("error");
            assertThat(last.data().get("error").asText()).contains("401").doesNotContain("\n")
                    .doesNotContain("Exception");
        }
    }

    @Test
    void withoutAcceptingAStreamTheClientIsToldHowToAsk() throws Exception {
        try (FakeModelServer model = FakeModelServer.start();
                ChatServer server = ChatServer.start(tmp.resolve("home"), model, clock, Map.of())) {
            HttpResponse<String> res = server.send(server.postJson("/api/chat/stream", Map.of("text", "hi")));
            assertThat(res.statusCode()).isEqualTo(406);
            assertThat(Json.MAPPER.readTree(res.body()).get("error").asText()).contains("Accept: text/event-stream");
            assertThat(model.requestCount()).isZero();
        }
    }

    /** The events of a server-sent event stream, each "event:" with its JSON "data:". */
    static List<Event> events(String body) {
        List<Event> events = new ArrayList<>();
        for (String block : body.replace("\r\n", "\n").split("\n\n")) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line : block.split("\n")) {
                if (line.startsWith("event:")) name = line.substring(6).strip();
                if (line.startsWith("data:")) data.append(line.substring(5).strip());
            }
            if (!data.isEmpty()) events.add(new Event(name, Json.tree(data.toString())));
        }
        return events;
    }
}
