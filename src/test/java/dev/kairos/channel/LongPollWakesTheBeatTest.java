package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.Kairos;
import dev.kairos.effect.Effect;
import dev.kairos.sense.Sensor;
import dev.kairos.testkit.Await;
import dev.kairos.testkit.FakeBotApi;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In `kairos up` the Telegram receiver long-polls on a thread of its own (the loop hands it the wake call): what it
 * stores wakes the beat at once, and the beat's own poll then asks Telegram nothing, so the two never race for an
 * offset. Closing Kairos ends the thread.
 */
class LongPollWakesTheBeatTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void aMessageWakesTheBeatAndTheBeatDoesNotPollAgain() {
        try (FakeBotApi bot = FakeBotApi.start()) {
            TelegramHome t = TelegramHome.at(home, null, bot, clock);
            AtomicInteger wakes = new AtomicInteger();
            try (Kairos k = t.open()) {
                Sensor telegram = k.sensors().stream().filter(s -> s.name().equals("telegram")).findFirst()
                        .orElseThrow();
                telegram.onWake(wakes::incrementAndGet);
                Await.until(Duration.ofSeconds(10), "the first long poll", () -> !bot.offsetsAsked().isEmpty());

                bot.userSays(2002, "Eve", "hello");
                Await.until(Duration.ofSeconds(10), "a wake", () -> wakes.get() > 0);
                assertThat(k.outbox().counts()).containsEntry(Effect.State.PENDING, 1); // its pairing code

                int asked = bot.polls().size();
                k.heartbeat().beat();
                assertThat(bot.sent()).singleElement().satisfies(s -> assertThat(s.text()).contains("kairos pair"));
                assertThat(bot.polls().subList(asked, bot.polls().size()))
                        .as("only the thread's long polls, from the stored offset: the beat asked nothing")
                        .allSatisfy(p -> assertThat(p).isEqualTo(new FakeBotApi.Poll(bot.lastUpdateId() + 1, 10)));
            }
            assertThat(Thread.getAllStackTraces().keySet()).as("closed: the long poll has ended")
                    .noneMatch(thread -> thread.getName().equals("kairos-telegram"));
        }
    }
}
