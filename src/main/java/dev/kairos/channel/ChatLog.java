package dev.kairos.channel;

import dev.kairos.event.Printable;
import dev.kairos.event.Secrets;
import dev.kairos.event.Trust;
import dev.kairos.event.Untrusted;
import dev.kairos.model.Content;
import dev.kairos.model.Message;
import dev.kairos.model.Tokens;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Each chat's conversation: what the user said (kept with the inbox row) and what Kairos said (kept once the courier
 * delivered it, so a reply the model only decided on is not part of it yet). A turn sees the recent part of its own
 * chat only; someone else's words in it are fenced as data and taint the turn.
 */
final class ChatLog {
    /** After this long without a word, a chat starts afresh: what was said before comes back through memory. */
    static final Duration PAUSE = Duration.ofHours(2);

    /** The window of one message's turn. */
    record Window(List<Message> messages, boolean untrusted) {}

    private final Jdbi jdbi;

    ChatLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Keeps what the user said, inside the caller's transaction (the one that stores its event). */
    static void said(Handle h, Incoming m, Trust trust) {
        insert(h, m.channel(), m.chat(), m.messageId(), Message.Role.USER, m.text(), trust, m.at());
    }

    /** Keeps what Kairos said, once delivered. */
    void answered(Outgoing o, Trust trust, Instant at) {
        jdbi.useHandle(h -> insert(h, o.channel(), o.chat(), null, Message.Role.ASSISTANT, o.text(), trust, at));
    }

    /**
     * What was said in {@code m}'s chat within {@link #PAUSE} before it, and what Kairos answered since, newest
     * kept first up to {@code tokens}; oldest first, starting with the user, one message per turn of speech.
     */
    Window before(Incoming m, int tokens) {
        record Row(Message.Role role, String text, int tokens, boolean trusted) {}
        List<Row> newestFirst = jdbi.withHandle(h -> {
            long self = h.createQuery("""
                    SELECT coalesce(min(id), 9223372036854775807) FROM channel_messages
                    WHERE channel = :c AND chat = :chat AND message_id = :m AND role = 'USER'""")
                    .bind("c", m.channel()).bind("chat", m.chat()).bind("m", m.messageId()).mapTo(Long.class).one();
            return h.createQuery("""
                    SELECT role, text, tokens, trust FROM channel_messages
                    WHERE channel = :c AND chat = :chat AND at >= :since AND id <> :self
                      AND (role = 'ASSISTANT' OR id < :self)
                    ORDER BY id DESC LIMIT 200""")
                    .bind("c", m.channel()).bind("chat", m.chat()).bind("self", self)
                    .bind("since", m.at().minus(PAUSE).toEpochMilli())
                    .map((rs, ctx) -> new Row(Message.Role.valueOf(rs.getString("role")), rs.getString("text"),
                            rs.getInt("tokens"), Trust.TRUSTED.name().equals(rs.getString("trust"))))
                    .list();
        });
        List<Row> kept = new ArrayList<>();
        int used = 0;
        for (Row r : newestFirst) {
            if (used + r.tokens() > tokens) break;
            used += r.tokens();
            kept.add(r);
        }
        Collections.reverse(kept);
        while (!kept.isEmpty() && kept.getFirst().role() != Message.Role.USER) kept.removeFirst();
        List<Message> out = new ArrayList<>();
        boolean untrusted = false;
        for (Row r : kept) {
            untrusted |= !r.trusted();
            String text = r.trusted() ? r.text() : Untrusted.fence(r.text());
            if (!out.isEmpty() && out.getLast().role() == r.role()) { // two in a row become one turn
                text = ((Content.Text) out.removeLast().content().getFirst()).text() + "\n\n" + text;
            }
            out.add(new Message(r.role(), List.of(new Content.Text(text)), false));
        }
        return new Window(out, untrusted);
    }

    private static void insert(Handle h, String channel, String chat, String messageId, Message.Role role,
            String said, Trust trust, Instant at) {
        String text = Printable.of(Secrets.redact(said));
        h.createUpdate("""
                INSERT INTO channel_messages (channel, chat, message_id, role, text, tokens, trust, at)
                VALUES (:c, :chat, :m, :role, :text, :tokens, :trust, :at)""")
                .bind("c", channel).bind("chat", chat).bind("m", messageId).bind("role", role.name())
                .bind("text", text).bind("tokens", Tokens.count(text)).bind("trust", trust.name())
                .bind("at", at.toEpochMilli()).execute();
    }
}
