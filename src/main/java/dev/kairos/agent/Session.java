package dev.kairos.agent;

import dev.kairos.event.Printable;
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

    /** Keeps a message, control characters escaped. */
    public void append(Message.Role role, String said, Instant at) {
        String text = Printable.of(said);
        jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO session_messages (session, role, text, tokens, at) VALUES (:s, :r, :t, :n, :at)")
                .bind("s", id).bind("r", role.name()).bind("t", text).bind("n", Tokens.count(text))
                .bind("at", at.toEpochMilli()).execute());
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
