package dev.kairos.web;

import dev.kairos.agent.Agent;
import dev.kairos.agent.Session;
import dev.kairos.ledger.Ledger;
import dev.kairos.model.Message;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jdbi.v3.core.Jdbi;

/**
 * The user's conversation as the chat page shows it: each message, and under each answer what its turn cost (the
 * chat's model calls between the question and the answer, from the ledger; chat turns run one at a time).
 */
final class ChatHistory {
    static final int DEFAULT = 50;
    static final int MAX = 200;

    /**
     * One message. {@code role}: "user" or "assistant"; {@code cost}: for an answer, what its chat turn cost; null
     * for a question, and for an answer no chat call made (a chat continued after an approval: its task paid).
     */
    record Line(String role, String text, Instant at, Ledger.Totals cost) {}

    private final Jdbi jdbi;
    private final Ledger ledger;

    ChatHistory(Jdbi jdbi, Ledger ledger) {
        this.jdbi = jdbi;
        this.ledger = ledger;
    }

    List<Line> recent(int limit) {
        List<Line> lines = new ArrayList<>();
        Instant asked = null;
        for (Session.Said s : new Session(jdbi, Session.USER).recent(limit)) {
            boolean answer = s.role() == Message.Role.ASSISTANT;
            Ledger.Totals cost = answer && asked != null ? ledger.outsideTasks(Agent.CHAT, asked, s.at()) : null;
            lines.add(new Line(s.role().name().toLowerCase(Locale.ROOT), s.text(), s.at(),
                    cost == null || cost.calls() == 0 ? null : cost));
            asked = answer ? null : s.at();
        }
        return lines;
    }
}
