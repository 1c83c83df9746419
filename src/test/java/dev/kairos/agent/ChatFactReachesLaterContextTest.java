package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.RecordedRequest;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fact told in chat on one day is found by `memory search` with its provenance, and reaches the memories of a
 * related question's context days later, when the conversation window no longer holds it.
 */
class ChatFactReachesLaterContextTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-20T18:00:00Z");

    @Test
    void aFactToldOnMondayAnswersThursdaysQuestion() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = ScriptedModelHome.at(home, server)
                    .with("KAIROS_MODEL", "anthropic/claude-haiku-4-5").init(clock).env();
            server.enqueue(Reply.text("Noted: Ada plays the cello."));
            assertThat(CliRun.run(env, clock, "chat", "My daughter Ada started cello lessons with Mrs Okafor.")
                    .exitCode()).isZero();
            // days of unrelated chat later, the conversation has long paused: the window no longer holds the fact
            String status = " The billing tables migrated cleanly, the invoice workers drained their queues, the "
                    + "dashboards show normal latency for card payments and refunds, and nobody is paged.";
            for (int i = 0; i < 3; i++) {
                clock.advance(Duration.ofHours(3));
                server.enqueue(Reply.text("Done: item " + i + " of the deployment checklist is ticked off." + status
                        + status + status));
                CliRun.run(env, clock, "chat", "tick off item " + i + " of the deployment checklist for the billing "
                        + "service, and tell me whether staging still looks healthy after the migration");
            }

            JsonNode found = Json.MAPPER.readTree(CliRun.run(env, clock, "memory", "search", "cello", "--json").out());
            JsonNode first = null;
            for (JsonNode item : found.get("items")) {
                if (item.get("text").asText().contains("Ada started cello lessons")) first = item;
            }
            assertThat(first).as("the user's own words are found: %s", found).isNotNull();
            assertThat(first.get("date").asText()).isEqualTo("2026-11-20");
            assertThat(first.get("path").asText()).isEqualTo("journal/2026-11-20.md");
            assertThat(first.get("provenance").asText()).startsWith("chat ");

            server.enqueue(Reply.text("Mrs Okafor."));
            CliRun later = CliRun.run(env, clock, "chat", "Who teaches my daughter music again?");
            assertThat(later.out().strip()).isEqualTo("Mrs Okafor.");
            RecordedRequest last = server.lastRequest();
            JsonNode messages = last.body().get("messages");
            String question = messages.get(messages.size() - 1).toString();
            assertThat(question).contains("<memories>").contains("Ada started cello lessons with Mrs Okafor")
                    .contains("chat ");
            String window = messages.toString().substring(0, messages.toString().length() - question.length());
            assertThat(window).as("the window no longer holds it: memory brought it").doesNotContain("Okafor");
        }
    }
}
