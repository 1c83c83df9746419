package dev.kairos.channel;

import dev.kairos.effect.Courier;
import dev.kairos.event.Trust;
import dev.kairos.sense.Sensor;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jdbi.v3.core.Jdbi;

/**
 * A Telegram bot, by long polling (no public address needed): {@code KAIROS_TELEGRAM_TOKEN} is its token,
 * {@code KAIROS_TELEGRAM_API} the Bot API base. Only paired chats are read (see {@link Pairing}). Its trust rule: a
 * message is the user's own when it comes from the person who paired the chat and is not forwarded; anything else
 * (another member of a paired group, a forwarded text) is someone else's.
 */
final class Telegram implements Channel {
    static final String NAME = "telegram";
    /** sendMessage takes 1-4096 characters. */
    static final int MAX_LENGTH = 4096;

    private final Pairing pairing;
    private final TelegramPoller poller;
    private final TelegramCourier courier;

    /**
     * @param random draws pairing codes (a SecureRandom)
     * @param attachments the folder under the workspace where the files of paired chats' messages are saved
     */
    Telegram(Supplier<HttpClient> http, URI api, String token, Jdbi jdbi, InstantSource clock, RandomGenerator random,
            Path attachments) {
        BotApi bot = new BotApi(http, api, token);
        this.pairing = new Pairing(jdbi, clock);
        this.poller = new TelegramPoller(bot, jdbi, clock, random, new Attachments(bot, attachments));
        this.courier = new TelegramCourier(bot);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxLength() {
        return MAX_LENGTH;
    }

    @Override
    public Trust trust(Incoming message) {
        return pairing.paired(NAME, message.chat()).map(p -> trust(p, message)).orElse(Trust.UNTRUSTED);
    }

    static Trust trust(Pairing.Paired chat, Incoming message) {
        return chat.userId().equals(message.sender()) && message.forwardedFrom().isEmpty()
                ? Trust.TRUSTED : Trust.UNTRUSTED;
    }

    /** The chat the user paired first where they are alone with the bot (their private chat), else any they paired. */
    @Override
    public Optional<String> startsIn(String key) {
        return pairing.own(NAME);
    }

    @Override
    public Sensor receiver() {
        return poller;
    }

    @Override
    public Courier courier() {
        return courier;
    }

    @Override
    public Optional<String> problem() {
        return poller.problem();
    }
}
