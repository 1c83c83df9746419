package dev.kairos.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A tool call waiting for (or given) the user's yes or no.
 *
 * @param taskId the task that asked, or null (a chat session)
 * @param decidedAt when it was approved or denied, or when it expired; null while pending
 */
public record Approval(long id, Instant createdAt, Instant expiresAt, Long taskId, String tool, ObjectNode input,
        String reason, State state, Instant decidedAt) {

    public enum State {
        PENDING,
        APPROVED,
        DENIED,
        /** Nobody answered in time: the same as denied. */
        EXPIRED
    }

    /** Whether the call may now run. */
    public boolean granted() {
        return state == State.APPROVED;
    }
}
