package dev.kairos.web;

import dev.kairos.agent.Agent;

/**
 * One chat turn as the user's tools see it: printed by {@code kairos chat --json}, answered by {@code POST /api/chat}
 * and sent as the last event of {@code POST /api/chat/stream}. The field names are a contract (see the README).
 *
 * @param note empty, or what the user should know: a clipped message, a turn stopped midway, an approval waiting
 */
public record ChatReport(String reply, int modelCalls, long inputTokens, long outputTokens, long cacheWriteTokens,
        long cacheReadTokens, double costUsd, String note) {

    /** What the user is told when there is no model to chat with. */
    public static final String NO_MODEL = "no model configured: set KAIROS_MODEL=provider/model "
            + "(e.g. anthropic/claude-sonnet-4-5) or model.main in kairos.yaml";

    public static ChatReport of(Agent.Reply r) {
        return new ChatReport(r.text(), r.modelCalls(), r.usage().inputTokens(), r.usage().outputTokens(),
                r.usage().cacheWriteTokens(), r.usage().cacheReadTokens(), r.costUsd(), r.note());
    }

    /** A turn that made no call and has something to say was not answered: the command exits with 1. */
    public boolean unanswered() {
        return modelCalls == 0 && !note.isBlank();
    }
}
