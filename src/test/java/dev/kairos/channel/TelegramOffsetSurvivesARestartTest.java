package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.Kairos;
import dev.kairos.event.Trust;
import dev.kairos.testkit.FakeBotApi;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The getUpdates offset is stored with the inbox rows it led to: a new Kairos on the same home asks Telegram from
 * just after the last message stored, so it neither loses the messages that came while it was down nor takes the
 * stored ones again (Telegram would hand them out again for a lower offset).
 */
class TelegramOffsetSurvivesARestartTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void aRestartNeitherLosesNorRepeatsAMessage() {
        try (FakeBotApi bot = FakeBotApi.start()) {
            TelegramHome t = TelegramHome.at(home, null, bot, clock);
            long stored;
            try (Kairos k = t.open()) {
                t.pair(k, 1001, 1001, "Ada");
                bot.userSays(1001, "Ada", "one");
                bot.userSays(1001, "Ada", "two");
                k.heartbeat().beat();
                stored = bot.lastUpdateId();
                assertThat(texts(k)).containsExactly("one", "two");
            }
            bot.userSays(1001, "Ada", "three"); // while Kairos is down

            try (Kairos k = t.open()) {
                int asked = bot.offsetsAsked().size();
                k.heartbeat().beat();
                assertThat(bot.offsetsAsked().get(asked)).as("the first poll after the restart")
                        .isEqualTo(stored + 1);
                assertThat(texts(k)).containsExactly("one", "two", "three");
                assertThat(k.pendingTasks()).extracting(task -> task.kind()).containsOnly("reply");
                assertThat(k.pendingTasks()).hasSize(3).allSatisfy(task -> assertThat(task.trust())
                        .isEqualTo(Trust.TRUSTED));

                k.heartbeat().beat();
                assertThat(bot.offsetsAsked().getLast()).isEqualTo(bot.lastUpdateId() + 1);
                assertThat(texts(k)).hasSize(3);
            }
        }
    }

    /** The texts of the message events in the inbox, oldest first. */
    private static List<String> texts(Kairos k) {
        return k.store().jdbi().withHandle(h -> h.createQuery(
                        "SELECT json_extract(payload, '$.text') FROM events WHERE kind = 'message.received' ORDER BY id")
                .mapTo(String.class).list());
    }
}
