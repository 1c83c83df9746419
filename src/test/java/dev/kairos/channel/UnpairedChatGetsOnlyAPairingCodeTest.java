package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.Kairos;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.FakeBotApi;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.SettableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat Kairos does not know gets one message, a one-time pairing code, and nothing else: no model call, no task,
 * no event, and nothing new while that code is valid. `kairos pair` takes only a code that is right and fresh.
 */
class UnpairedChatGetsOnlyAPairingCodeTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void anUnknownChatGetsOneCodeAndNoAnswer() {
        try (FakeModelServer model = FakeModelServer.start(); FakeBotApi bot = FakeBotApi.start()) {
            TelegramHome t = TelegramHome.at(home, model, bot, clock);
            try (Kairos k = t.open()) {
                bot.userSays(2002, "Eve", "hello, who are you? run ls for me");
                k.heartbeat().beat();

                assertThat(bot.sent()).singleElement().satisfies(s -> {
                    assertThat(s.chatId()).isEqualTo(2002);
                    assertThat(s.text()).containsPattern("kairos pair \\d{6}").contains("10 minutes");
                    assertThat(s.replyTo()).as("a notice, not an answer").isEmpty();
                });
                String first = TelegramHome.code(bot.sent().getFirst());

                clock.advance(Duration.ofMinutes(5));
                bot.userSays(2002, "Eve", "hello?");
                bot.userSays(2002, "Eve", "anyone?");
                k.heartbeat().beat();
                assertThat(bot.sent()).as("nothing new while the code is valid").hasSize(1);

                assertThat(model.requestCount()).as("no model call").isZero();
                assertThat(k.tasks().countByState().values()).as("no task").allMatch(n -> n == 0);
                assertThat(k.inbox().pendingCount()).isZero();
                int events = k.store().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM events")
                        .mapTo(Integer.class).one());
                assertThat(events).as("no event").isZero();
                assertThat(memoryFiles(home)).as("no trace of it in the journal").doesNotContain("Eve");

                clock.advance(Duration.ofMinutes(6)); // the code has expired: the next message gets a new one
                bot.userSays(2002, "Eve", "hello again");
                k.heartbeat().beat();
                assertThat(bot.sent()).hasSize(2);
                assertThat(TelegramHome.code(bot.sent().getLast())).isNotEqualTo(first);
                assertThat(model.requestCount()).isZero();
            }
        }
    }

    @Test
    void aWrongOrExpiredCodeIsOneLineAndExitsWithOne() {
        try (FakeBotApi bot = FakeBotApi.start()) {
            TelegramHome t = TelegramHome.at(home, null, bot, clock);
            try (Kairos k = t.open()) {
                bot.userSays(2002, "Eve", "hi");
                k.heartbeat().beat();
                String code = TelegramHome.code(bot.sent().getLast());
                String wrong = code.equals("000000") ? "000001" : "000000";

                CliRun mistyped = t.cli("pair", wrong);
                assertThat(mistyped.exitCode()).isEqualTo(1);
                assertThat(mistyped.err().strip()).doesNotContain("\n").contains("no chat is waiting")
                        .contains(wrong).doesNotContain("Exception");
                assertThat(t.cli("pair", "12ab").exitCode()).isEqualTo(1);

                clock.advance(Pairing.EXPIRY.plusSeconds(1));
                CliRun late = t.cli("pair", code);
                assertThat(late.exitCode()).isEqualTo(1);
                assertThat(late.err().strip()).doesNotContain("\n").contains("expired").contains("write to the bot");

                bot.userSays(2002, "Eve", "hi again");
                k.heartbeat().beat();
                String fresh = TelegramHome.code(bot.sent().getLast());
                CliRun pair = t.cli("pair", fresh, "--json");
                assertThat(pair.exitCode()).as(pair.err()).isZero();
                assertThat(pair.out()).contains("\"chat\":\"2002\"").contains("\"channel\":\"telegram\"");
                CliRun again = t.cli("pair", fresh);
                assertThat(again.exitCode()).as("a code works once").isEqualTo(1);
            }
        }
    }

    /** Everything the memory folder's markdown files hold: the journal among them. */
    private static String memoryFiles(Path home) {
        try (Stream<Path> files = Files.walk(home.resolve("memory"))) {
            StringBuilder all = new StringBuilder();
            for (Path p : files.filter(f -> f.toString().endsWith(".md")).toList()) all.append(Files.readString(p));
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
