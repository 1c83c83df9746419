package dev.kairos.channel;

import dev.kairos.effect.Outbox;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Which chats are the user's. An unknown chat that writes gets one message with a one-time code (six digits,
 * {@link #EXPIRY}); {@code kairos pair CODE} on the user's machine makes that chat the user's. Until then nothing
 * it says is stored or answered. Codes are kept hashed (a glance at state.db shows none; six digits are no secret
 * from someone who can read the file, and it expires).
 */
public final class Pairing {
    public static final Duration EXPIRY = Duration.ofMinutes(10);

    /** A chat made the user's; in a group, {@code userId} is who paired it: the others are someone else. */
    public record Paired(String channel, String chat, String userId, String name, Instant pairedAt) {}

    /** What `kairos pair CODE` did. */
    public sealed interface Outcome {
        record Done(Paired chat) implements Outcome {}

        /** The code was right but is older than {@link #EXPIRY}. */
        record Expired(String channel) implements Outcome {}

        /** No chat is waiting with that code: mistyped, used already, or never sent. */
        record Unknown() implements Outcome {}
    }

    private final Jdbi jdbi;
    private final InstantSource clock;

    public Pairing(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** The chat, when it is paired. */
    Optional<Paired> paired(String channel, String chat) {
        return jdbi.withHandle(h -> paired(h, channel, chat));
    }

    /** The same inside the caller's transaction. */
    /** The user's own chat on {@code channel}: the first paired where they are alone with the bot, else the first. */
    Optional<String> own(String channel) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT chat FROM paired_chats WHERE channel = :c
                        ORDER BY (chat = user_id) DESC, paired_at LIMIT 1""")
                .bind("c", channel).mapTo(String.class).findOne());
    }

    static Optional<Paired> paired(Handle h, String channel, String chat) {
        return h.createQuery("SELECT * FROM paired_chats WHERE channel = :c AND chat = :chat")
                .bind("c", channel).bind("chat", chat)
                .map((rs, ctx) -> new Paired(rs.getString("channel"), rs.getString("chat"), rs.getString("user_id"),
                        rs.getString("name"), Instant.ofEpochMilli(rs.getLong("paired_at"))))
                .findOne();
    }

    /**
     * A new code for {@code m}'s chat, inside the caller's transaction; empty while the chat holds one that has not
     * expired (it was told already, and is told nothing new).
     */
    static Optional<String> issue(Handle h, Incoming m, RandomGenerator random, Instant now) {
        boolean waiting = h.createQuery("""
                SELECT count(*) FROM pairing_codes WHERE channel = :c AND chat = :chat AND expires_at > :now""")
                .bind("c", m.channel()).bind("chat", m.chat()).bind("now", now.toEpochMilli())
                .mapTo(Integer.class).one() > 0;
        if (waiting) return Optional.empty();
        String code;
        do {
            code = String.format("%06d", random.nextInt(1_000_000));
        } while (h.createQuery("SELECT count(*) FROM pairing_codes WHERE code_hash = :hash AND expires_at > :now")
                .bind("hash", hash(code)).bind("now", now.toEpochMilli()).mapTo(Integer.class).one() > 0);
        h.createUpdate("""
                INSERT INTO pairing_codes (channel, chat, code_hash, user_id, name, thread, created_at, expires_at)
                VALUES (:c, :chat, :hash, :user, :name, :thread, :now, :expires)
                ON CONFLICT (channel, chat) DO UPDATE SET code_hash = excluded.code_hash, user_id = excluded.user_id,
                    name = excluded.name, thread = excluded.thread, created_at = excluded.created_at,
                    expires_at = excluded.expires_at""")
                .bind("c", m.channel()).bind("chat", m.chat()).bind("hash", hash(code)).bind("user", m.sender())
                .bind("name", m.senderName()).bind("thread", m.thread().orElse(null))
                .bind("now", now.toEpochMilli()).bind("expires", now.plus(EXPIRY).toEpochMilli()).execute();
        return Optional.of(code);
    }

    /**
     * Makes the chat that was sent {@code code} the user's, uses the code up, and tells the chat (through the
     * outbox), all in one transaction.
     */
    public Outcome pair(String code) {
        String given = code.strip();
        if (!given.matches("\\d{6}")) return new Outcome.Unknown();
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            // a write first takes the write lock (waiting for the running agent's), so no read can go stale under
            // it: SQLite fails a transaction that read, then wants to write after another writer, at once
            h.createUpdate("DELETE FROM pairing_codes WHERE expires_at < :long_ago")
                    .bind("long_ago", now.minus(Duration.ofDays(1)).toEpochMilli()).execute();
            record Waiting(String channel, String chat, String user, String name, String thread, long expires) {}
            Optional<Waiting> w = h.createQuery("""
                    SELECT * FROM pairing_codes WHERE code_hash = :hash ORDER BY expires_at DESC LIMIT 1""")
                    .bind("hash", hash(given))
                    .map((rs, ctx) -> new Waiting(rs.getString("channel"), rs.getString("chat"),
                            rs.getString("user_id"), rs.getString("name"), rs.getString("thread"),
                            rs.getLong("expires_at")))
                    .findOne();
            if (w.isEmpty()) return new Outcome.Unknown();
            if (w.get().expires() <= now.toEpochMilli()) return new Outcome.Expired(w.get().channel());
            Waiting c = w.get();
            h.createUpdate("DELETE FROM pairing_codes WHERE channel = :c AND chat = :chat")
                    .bind("c", c.channel()).bind("chat", c.chat()).execute();
            h.createUpdate("""
                    INSERT INTO paired_chats (channel, chat, user_id, name, paired_at) VALUES (:c, :chat, :u, :n, :at)
                    ON CONFLICT (channel, chat) DO UPDATE SET user_id = excluded.user_id, name = excluded.name,
                        paired_at = excluded.paired_at""")
                    .bind("c", c.channel()).bind("chat", c.chat()).bind("u", c.user()).bind("n", c.name())
                    .bind("at", now.toEpochMilli()).execute();
            Outgoing hello = new Outgoing(c.channel(), c.chat(), Optional.ofNullable(c.thread()), Optional.empty(),
                    "Paired: this chat is " + c.name() + "'s now, and Kairos answers " + c.name() + " here.");
            Outbox.record(h, hello.draft(c.channel() + ":paired:" + c.chat() + ":" + now.toEpochMilli()), now);
            return new Outcome.Done(new Paired(c.channel(), c.chat(), c.user(), c.name(), now));
        });
    }

    private static String hash(String code) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(("kairos pairing " + code).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
