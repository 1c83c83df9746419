package dev.kairos.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.effect.Outbox;
import dev.kairos.event.Event;
import dev.kairos.event.Inbox;
import dev.kairos.event.Trust;
import dev.kairos.json.Json;
import dev.kairos.sense.Sensor;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the bot's messages with getUpdates. Each batch is stored in ONE transaction together with the next offset:
 * a paired chat's messages as inbox events, an unknown chat's first message as a pairing code in the outbox, and
 * nothing at all for the rest. Telegram forgets updates below the offset we send, and we send only an offset we
 * stored, so a restart neither loses nor repeats a message.
 *
 * <p>In a beat ({@code kairos tick}) a poll asks once, without waiting. In {@code kairos up} a thread of its own
 * long-polls and wakes the beat when something arrived; the beat's own poll then does nothing.
 */
final class TelegramPoller implements Sensor {
    private static final Logger log = LoggerFactory.getLogger(TelegramPoller.class);
    static final int LONG_POLL_SECONDS = 10;
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(1);

    private final BotApi api;
    private final Jdbi jdbi;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final Attachments attachments;
    private volatile Thread longPoll;
    private volatile boolean closed;
    private final Outage outage = new Outage(log, "telegram: the Bot API answers again", LONGEST_PAUSE, 6,
            () -> closed);

    TelegramPoller(BotApi api, Jdbi jdbi, InstantSource clock, RandomGenerator random, Attachments attachments) {
        this.api = api;
        this.jdbi = jdbi;
        this.clock = clock;
        this.random = random;
        this.attachments = attachments;
    }

    @Override
    public String name() {
        return Telegram.NAME;
    }

    /** Stores what arrived (see the class); the events reach the beat through the inbox, so none is returned. */
    @Override
    public List<Event> poll(Instant now) {
        if (longPoll != null) return List.of();
        try {
            receive(0);
        } catch (BotApi.Failure e) {
            failed(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return List.of();
    }

    /** Starts the long poll, which calls {@code wake} after storing a message or a pairing code. */
    @Override
    public synchronized void onWake(Runnable wake) {
        if (longPoll != null || closed) return;
        log.info("telegram: reading the bot's messages by long polling; an unknown chat gets a pairing code");
        longPoll = Thread.ofPlatform().daemon().name("kairos-telegram").start(() -> longPoll(wake));
    }

    private void longPoll(Runnable wake) {
        while (!closed) {
            try {
                if (receive(LONG_POLL_SECONDS) > 0) wake.run();
            } catch (BotApi.Failure e) {
                failed(e.getMessage());
                if (!outage.pause(e.retryAfter.orElse(outage.backoff()))) return;
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) { // the store busy or broken: the offset did not move, nothing is lost
                failed(e.getClass().getSimpleName() + ": " + e.getMessage());
                if (!outage.pause(LONGEST_PAUSE)) return;
            }
        }
    }

    /** Asks for what is new, waiting up to {@code waitSeconds}; returns how many messages and codes it stored. */
    synchronized int receive(int waitSeconds) throws BotApi.Failure, InterruptedException {
        ObjectNode ask = Json.object().put("timeout", waitSeconds).put("limit", 100);
        offset().ifPresent(o -> ask.put("offset", o));
        ask.putArray("allowed_updates").add("message");
        JsonNode updates = api.call("getUpdates", ask, Duration.ofSeconds(waitSeconds + 10L));
        if (!updates.isArray()) throw new BotApi.Failure(200, "getUpdates: the answer holds no list", Optional.empty());
        List<TelegramUpdate> batch = new ArrayList<>();
        Instant now = clock.instant();
        for (JsonNode u : updates) {
            TelegramUpdate update = TelegramUpdate.read(u, now);
            Optional<Incoming> m = update.message();
            // only the user's chats are worth a download; a stranger's files are never fetched
            if (update.hasFiles() && m.isPresent()
                    && jdbi.withHandle(h -> Pairing.paired(h, Telegram.NAME, m.get().chat())).isPresent()) {
                update = update.withAttachments(attachments.save(update.raw(), m.get().chat(), m.get().messageId()));
            }
            batch.add(update);
        }
        int stored = batch.isEmpty() ? 0 : jdbi.inTransaction(h -> store(h, batch, now));
        outage.recovered();
        return stored;
    }

    private int store(Handle h, List<TelegramUpdate> batch, Instant now) {
        // the offset is written first: a write takes the write lock before any read (see Pairing#pair)
        long next = batch.stream().mapToLong(u -> u.id() + 1).max().orElseThrow();
        h.createUpdate("""
                INSERT INTO channel_cursors (channel, position) VALUES (:c, :p)
                ON CONFLICT (channel) DO UPDATE SET position = excluded.position""")
                .bind("c", Telegram.NAME).bind("p", Long.toString(next)).execute();
        int stored = 0;
        for (TelegramUpdate u : batch) {
            if (u.message().isEmpty()) continue;
            Incoming m = u.message().get();
            Optional<Pairing.Paired> paired = Pairing.paired(h, Telegram.NAME, m.chat());
            if (paired.isPresent()) {
                if (m.text().isBlank() && m.attachments().isEmpty()) continue; // a service message
                Trust trust = Telegram.trust(paired.get(), m);
                if (Inbox.add(h, m.event(trust)).isPresent()) {
                    ChatLog.said(h, m, trust);
                    stored++;
                }
            } else {
                Optional<String> code = Pairing.issue(h, m, random, now);
                if (code.isEmpty()) continue; // it was told already: nothing new until the code expires
                Outgoing ask = new Outgoing(Telegram.NAME, m.chat(), m.thread(), Optional.empty(),
                        "Kairos does not know this chat yet. To make it yours, run this where Kairos runs:\n\n"
                                + "kairos pair " + code.get() + "\n\nThe code works once, for "
                                + Pairing.EXPIRY.toMinutes() + " minutes. Until then nothing written here is read.");
                Outbox.record(h, ask.draft(Telegram.NAME + ":pairing-code:" + m.chat() + ":" + u.id()), now);
                log.info("telegram: chat={} is not paired; sent it a pairing code", m.chat());
                stored++;
            }
        }
        return stored;
    }

    private Optional<Long> offset() {
        return jdbi.withHandle(h -> h.createQuery("SELECT position FROM channel_cursors WHERE channel = :c")
                .bind("c", Telegram.NAME).mapTo(String.class).findOne().map(Long::parseLong));
    }

    /** What stops Telegram working, for `kairos status`; empty while it works. */
    Optional<String> problem() {
        return outage.problem();
    }

    private void failed(String what) {
        outage.failed("telegram: " + what + (what.contains(" 401") ? "; check KAIROS_TELEGRAM_TOKEN" : "")
                + (what.contains(" 409") ? "; another program reads this bot's updates (a webhook, or a second "
                        + "Kairos): stop it" : ""));
    }

    @Override
    public void close() {
        closed = true;
        Thread t = longPoll;
        if (t == null) return;
        t.interrupt();
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
