package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.json.Json;
import dev.kairos.testkit.Await;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeBotApi;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.KairosProcess;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * As a new user tries it: `kairos up` with KAIROS_TELEGRAM_API at a loopback Bot API; an unknown chat gets a
 * pairing code at once (the long poll wakes the beat, though the interval is an hour), `kairos pair CODE` pairs it
 * beside the running agent, and the chat's next message gets exactly one answer, in reply to it.
 */
class TelegramChatThroughKairosUpTest {
    @TempDir Path home;

    @Test
    void anUnknownChatPairsAndItsNextMessageGetsOneAnswer() throws Exception {
        try (FakeModelServer model = FakeModelServer.start(); FakeBotApi bot = FakeBotApi.start()) {
            model.respondWith(r -> Conversation.lastToolResult(r).isPresent() ? Reply.text("replied")
                    : Reply.toolUse("reply", Json.write(Map.of("text", "Good morning!"))));
            Map<String, String> env = new HashMap<>(ScriptedModelHome.at(home, model).env());
            env.put("KAIROS_TELEGRAM_TOKEN", FakeBotApi.TOKEN);
            env.put("KAIROS_TELEGRAM_API", bot.baseUrl());
            env.put("KAIROS_HTTP_PORT", "0");
            assertThat(CliRun.run(env, InstantSource.system(), "init").exitCode()).isZero();

            try (KairosProcess up = KairosProcess.start(env, "up", "--every", "1h")) {
                up.awaitLine(l -> l.contains("kairos up:"), Duration.ofSeconds(60));
                bot.userSays(7007, "Ada", "hi");
                Await.until(Duration.ofSeconds(30), "the pairing code", () -> bot.sent().size() == 1);
                Matcher code = Pattern.compile("kairos pair (\\d{6})").matcher(bot.sent().getFirst().text());
                assertThat(code.find()).isTrue();

                CliRun pair = CliRun.run(env, InstantSource.system(), "pair", code.group(1));
                assertThat(pair.exitCode()).as(pair.err()).isZero();
                assertThat(pair.out()).contains("Paired").contains("7007");
                Await.until(Duration.ofSeconds(30), "the notice", () -> bot.sent().size() == 2);
                assertThat(model.requestCount()).as("pairing costs no model call").isZero();

                long message = bot.userSays(7007, "Ada", "good morning");
                Await.until(Duration.ofSeconds(60), "the answer", () -> bot.sent().size() == 3);
                assertThat(bot.sent().getLast().text()).isEqualTo("Good morning!");
                assertThat(bot.sent().getLast().replyTo()).contains(message);

                assertThat(up.terminate(Duration.ofSeconds(30))).isIn(0, 143);
                assertThat(up.output()).as("the long poll does not hold up the stop")
                        .anyMatch(l -> l.contains("kairos stopped cleanly"));
            }
            assertThat(bot.sent()).as("exactly one answer").hasSize(3);
        }
    }
}
