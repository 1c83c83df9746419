package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.Kairos;
import dev.kairos.effect.Effect;
import dev.kairos.heartbeat.Task;
import dev.kairos.json.Json;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeBotApi;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.RecordedRequest;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Once a chat is paired, each of its messages becomes a reply task whose `reply` tool answers in the thread it came
 * from, exactly once: not again at the next beat, and not twice when Kairos dies after the model answered and
 * before Telegram took the message (the reply is in the outbox; a new Kairos on the same home sends it once).
 */
class PairedChatGetsExactlyOneReplyTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void eachMessageGetsOneReplyInItsThread() {
        try (FakeModelServer model = FakeModelServer.start(); FakeBotApi bot = FakeBotApi.start()) {
            model.respondWith(r -> answer(r, "Good morning, Ada!"));
            TelegramHome t = TelegramHome.at(home, model, bot, clock);
            try (Kairos k = t.open()) {
                t.pair(k, 1001, 1001, "Ada");
                assertThat(model.requestCount()).as("pairing costs no model call").isZero();

                long first = bot.userSays(1001, "Ada", "good morning");
                k.heartbeat().beat();
                assertThat(t.repliesIn(1001)).singleElement().satisfies(s -> {
                    assertThat(s.text()).isEqualTo("Good morning, Ada!");
                    assertThat(s.replyTo()).contains(first);
                });
                assertThat(k.tasks().inState(Task.State.DONE)).singleElement()
                        .satisfies(task -> assertThat(task.kind()).isEqualTo("reply"));

                int calls = model.requestCount();
                clock.advance(Duration.ofMinutes(1));
                k.heartbeat().beat();
                assertThat(t.repliesIn(1001)).as("nothing more at the next beat").hasSize(1);
                assertThat(model.requestCount()).isEqualTo(calls);

                model.respondWith(r -> answer(r, "It is 09:02."));
                long second = bot.userSays(1001, "Ada", "what time is it?");
                k.heartbeat().beat();
                assertThat(t.repliesIn(1001)).hasSize(2).last().satisfies(s -> {
                    assertThat(s.text()).isEqualTo("It is 09:02.");
                    assertThat(s.replyTo()).contains(second);
                });
                RecordedRequest asked = model.requests().get(calls);
                assertThat(Json.write(asked.body().path("messages"))).as("the chat's window")
                        .contains("good morning").contains("Good morning, Ada!");
            }
        }
    }

    @Test
    void aReplyDecidedBeforeACrashIsSentOnceByTheNextKairos() {
        try (FakeModelServer model = FakeModelServer.start(); FakeBotApi bot = FakeBotApi.start()) {
            AtomicInteger turns = new AtomicInteger();
            model.respondWith(r -> Conversation.lastToolResult(r).isPresent() ? Reply.text("answered")
                    : Reply.toolUse("reply", Json.write(Map.of("text",
                            turns.incrementAndGet() == 1 ? "First answer." : "A second, different answer."))));
            TelegramHome t = TelegramHome.at(home, model, bot, clock);
            long message;
            long task;
            try (Kairos k = t.open()) {
                t.pair(k, 1001, 1001, "Ada");
                bot.failSends(502); // the reply does not get out before the process is gone
                message = bot.userSays(1001, "Ada", "are the tests green?");
                k.heartbeat().beat();
                assertThat(t.repliesIn(1001)).isEmpty();
                assertThat(k.outbox().counts()).containsEntry(Effect.State.PENDING, 1);
                // a kill -9 after the model answered leaves the task running: the next start runs it again
                task = k.tasks().inState(Task.State.DONE).getFirst().id();
                k.tasks().setState(task, Task.State.RUNNING, "", clock.instant());
            }

            clock.advance(Duration.ofMinutes(1)); // past the retry's back-off
            try (Kairos k = t.open()) {
                assertThat(k.tasks().requeueInterrupted(clock.instant())).isEqualTo(1);
                k.heartbeat().beat();
                assertThat(turns.get()).as("the task ran again").isEqualTo(2);
                assertThat(t.repliesIn(1001)).as("the reply decided first, once").singleElement().satisfies(s -> {
                    assertThat(s.text()).isEqualTo("First answer.");
                    assertThat(s.replyTo()).contains(message);
                });
                clock.advance(Duration.ofHours(2));
                k.heartbeat().beat();
                assertThat(t.repliesIn(1001)).hasSize(1);
                assertThat(k.outbox().counts()).containsEntry(Effect.State.DELIVERED, 3) // code, notice, reply
                        .containsEntry(Effect.State.PENDING, 0);
                assertThat(k.tasks().find(task).orElseThrow().state()).isEqualTo(Task.State.DONE);
            }
        }
    }

    @Test
    void aLongReplyIsSplitAt4096CharactersAndArrivesInOrder() {
        StringBuilder long_ = new StringBuilder();
        for (int i = 0; long_.length() < 10_000; i++) long_.append("word").append(i).append(i % 12 == 11 ? "\n" : " ");
        String text = long_.toString().strip();
        try (FakeModelServer model = FakeModelServer.start(); FakeBotApi bot = FakeBotApi.start()) {
            model.respondWith(r -> answer(r, text));
            TelegramHome t = TelegramHome.at(home, model, bot, clock);
            try (Kairos k = t.open()) {
                t.pair(k, 1001, 1001, "Ada");
                long message = bot.userSays(1001, "Ada", "tell me everything");
                bot.failSends(502); // the first part does not get out at once: the others wait for it
                k.heartbeat().beat();
                assertThat(t.repliesIn(1001)).isEmpty();
                clock.advance(Duration.ofMinutes(1));
                k.heartbeat().beat();

                var parts = t.repliesIn(1001);
                assertThat(parts).hasSize(3).allSatisfy(s -> {
                    assertThat(s.text().length()).isLessThanOrEqualTo(4096);
                    assertThat(s.replyTo()).contains(message);
                });
                assertThat(parts.get(0).text().length()).isGreaterThan(2048);
                assertThat(String.join("", parts.stream().map(FakeBotApi.Sent::text).toList())).isEqualTo(text);
                assertThat(k.outbox().counts()).as("each part its own effect, besides code and notice")
                        .containsEntry(Effect.State.DELIVERED, 5);
            }
        }
    }

    /** A model that replies {@code text} with the reply tool, then ends its turn. */
    private static Reply answer(RecordedRequest r, String text) {
        return Conversation.lastToolResult(r).isPresent() ? Reply.text("replied")
                : Reply.toolUse("reply", Json.write(Map.of("text", text)));
    }
}
