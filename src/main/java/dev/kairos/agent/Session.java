package dev.kairos.agent;

import dev.kairos.event.Printable;
import dev.kairos.event.Trust;
import dev.kairos.model.Content;
import dev.kairos.model.Message;
import dev.kairos.model.Tokens;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/**
 * A conversation kept in the store: the user's chat, or one proactive task's. Only the exchanged texts are kept
 * (not intermediate tool calls), and {@link #window} reads back as much of the recent past as fits a token budget.
 */
public final class Session {
    public static final String USER = "user";

    private final Jdbi jdbi;
    private final String id;

    public Session(Jdbi jdbi, String id) {
        this.jdbi = jdbi;
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Keeps the user's or the agent's own message (trusted). */
    public void append(Message.Role role, String text, Instant at) {
        append(role, text, at, Trust.TRUSTED);
    }

    /**
     * Keeps a message, control characters escaped; UNTRUSTED for a reply written after reading someone else's
     * text, which taints the conversation while it lasts.
     */
    public void append(Message.Role role, String said, Instant at, Trust trust) {
        String text = Printable.of(said);
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO session_messages (session, role, text, tokens, at, trust)"
                        + " VALUES (:s, :r, :t, :n, :at, :trust)")
                .bind("s", id).bind("r", role.name()).bind("t", text).bind("n", Tokens.count(text))
                .bind("at", at.toEpochMilli()).bind("trust", trust.name()).execute());
    }

    /** Whether any message since {@code since} is not known to be trusted: the conversation is then tainted. */
    public boolean untrustedSince(Instant since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM session_messages WHERE session = :s "
                        + "AND at >= :since AND trust <> 'TRUSTED'")
                .bind("s", id).bind("since", since.toEpochMilli()).mapTo(Integer.class).one()) > 0;
    }

    /** A message as kept: who said it, what, and when. */
    public record Said(Message.Role role, String text, Instant at) {}

    /** The last {@code limit} messages, oldest first: the conversation as a person reads it back, not a model. */
    public List<Said> recent(int limit) {
        List<Said> newestFirst = jdbi.withHandle(h -> h.createQuery(
                        "SELECT role, text, at FROM session_messages WHERE session = :s ORDER BY id DESC LIMIT :n")
                .bind("s", id).bind("n", limit)
                .map((rs, ctx) -> new Said(Message.Role.valueOf(rs.getString("role")), rs.getString("text"),
                        Instant.ofEpochMilli(rs.getLong("at"))))
                .list());
        List<Said> oldestFirst = new ArrayList<>(newestFirst);
        Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    /**
     * The most recent whole exchanges since {@code since} that fit {@code tokenBudget}, oldest first, starting with
     * a user message. Older history is not replayed: it reaches the model only through memory.
     */
    public List<Message> window(int tokenBudget, Instant since) {
        record Row(Message.Role role, String text, int tokens) {}
        List<Row> newestFirst = jdbi.withHandle(h -> h.createQuery(
                        "SELECT role, text, tokens FROM session_messages WHERE session = :s AND at >= :since "
                                + "ORDER BY id DESC LIMIT 200")
                .bind("s", id).bind("since", since.toEpochMilli())
                .map((rs, ctx) -> new Row(Message.Role.valueOf(rs.getString("role")), rs.getString("text"),
                        rs.getInt("tokens")))
                .list());
        List<Message> kept = new ArrayList<>();
        int used = 0;
        for (Row r : newestFirst) {
            if (used + r.tokens() > tokenBudget) break;
            used += r.tokens();
            kept.add(new Message(r.role(), List.of(new Content.Text(r.text())), false));
        }
        Collections.reverse(kept);
        while (!kept.isEmpty() && kept.getFirst().role() != Message.Role.USER) kept.removeFirst();
        return kept;
    }
}
