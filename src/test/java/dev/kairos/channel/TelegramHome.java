package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.Kairos;
import dev.kairos.config.ConfigReader;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.FakeBotApi;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kairos home in a temp dir whose Telegram is a {@link FakeBotApi} and whose model, when there is one, a
 * {@link FakeModelServer}; it pairs chats the way a user does: write to the bot, read the code, `kairos pair`.
 */
record TelegramHome(Path home, Map<String, String> env, FakeBotApi bot, SettableClock clock) {
    private static final Pattern CODE = Pattern.compile("kairos pair (\\d{6})");

    /** With {@code model} (null: no model configured, tasks only queue), initialised. */
    static TelegramHome at(Path home, FakeModelServer model, FakeBotApi bot, SettableClock clock) {
        Map<String, String> env = new HashMap<>(model != null ? ScriptedModelHome.at(home, model).env()
                : Map.of("KAIROS_HOME", home.toString(), "KAIROS_TIMEZONE", "UTC"));
        env.put("KAIROS_TELEGRAM_TOKEN", FakeBotApi.TOKEN);
        env.put("KAIROS_TELEGRAM_API", bot.baseUrl());
        env.put("PATH", System.getenv("PATH"));
        CliRun init = CliRun.run(env, clock, "init");
        assertThat(init.exitCode()).as(init.err()).isZero();
        return new TelegramHome(home, Map.copyOf(env), bot, clock);
    }

    Kairos open() {
        return Kairos.open(ConfigReader.read(home, env), env, clock, Kairos.Mode.ONE_BEAT);
    }

    CliRun cli(String... args) {
        return CliRun.run(env, clock, args);
    }

    /** The pairing code in a message the bot sent. */
    static String code(FakeBotApi.Sent s) {
        Matcher m = CODE.matcher(s.text());
        assertThat(m.find()).as("a pairing code in: " + s.text()).isTrue();
        return m.group(1);
    }

    /** The messages sent to {@code chat} that answer one of its messages (not pairing codes or notices). */
    List<FakeBotApi.Sent> repliesIn(long chat) {
        return bot.sent().stream().filter(s -> s.chatId() == chat && s.replyTo().isPresent()).toList();
    }

    /**
     * Makes {@code chat} the user's as a user does: {@code userId} writes there, a beat sends the code, `kairos
     * pair CODE` pairs it, a beat sends the notice. A minute passes, so the next messages start afresh.
     */
    void pair(Kairos k, long chat, long userId, String name) {
        int before = bot.sent().size();
        if (chat == userId) {
            bot.userSays(userId, name, "hello?");
        } else {
            bot.saysInGroup(chat, userId, name, "hello?");
        }
        k.heartbeat().beat();
        List<FakeBotApi.Sent> sent = bot.sent();
        assertThat(sent).hasSize(before + 1);
        CliRun pair = cli("pair", code(sent.getLast()));
        assertThat(pair.exitCode()).as(pair.err()).isZero();
        k.heartbeat().beat();
        assertThat(bot.sent()).hasSize(before + 2);
        assertThat(bot.sent().getLast().text()).startsWith("Paired");
        clock.advance(Duration.ofMinutes(1));
    }
}
