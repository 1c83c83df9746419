package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.Kairos;
import dev.kairos.json.Json;
import dev.kairos.testkit.FakeBotApi;
import dev.kairos.testkit.SettableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A paired chat's document is saved under the workspace (attachments/telegram/CHAT/MESSAGE-NAME), whatever name the
 * sender gave it; what is not saved (a voice message) is noted in the event, so the agent knows it was there.
 */
class AttachmentsAreSavedUnderTheWorkspaceTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void aDocumentIsSavedAndAVoiceMessageNoted() throws Exception {
        try (FakeBotApi bot = FakeBotApi.start()) {
            TelegramHome t = TelegramHome.at(home, null, bot, clock);
            bot.file("doc-1", "the notes".getBytes(StandardCharsets.UTF_8));
            try (Kairos k = t.open()) {
                t.pair(k, 1001, 1001, "Ada");
                long id = bot.says(1001, "private", 1001, "Ada", null, m -> {
                    m.put("caption", "see these");
                    m.putObject("document").put("file_id", "doc-1").put("file_unique_id", "u1")
                            .put("file_name", "../../notes.txt").put("file_size", 9);
                    m.putObject("voice").put("file_id", "voice-1").put("file_unique_id", "u2").put("duration", 3);
                });
                k.heartbeat().beat();

                JsonNode payload = Json.tree(k.store().jdbi().withHandle(h -> h.createQuery(
                        "SELECT payload FROM events WHERE kind = 'message.received'").mapTo(String.class).one()));
                assertThat(payload.path("text").asText()).isEqualTo("see these");
                List<String> files = Json.MAPPER.convertValue(payload.path("attachments"),
                        Json.MAPPER.getTypeFactory().constructCollectionType(List.class, String.class));
                Path saved = home.resolve("attachments/telegram/1001/" + id + "-__.._notes.txt");
                assertThat(files).containsExactly(saved.toString(), "(a voice, not saved)");
                assertThat(Files.readString(saved)).isEqualTo("the notes");
            }
        }
    }
}
