package dev.kairos.policy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A tool call waiting for (or given) the user's yes or no. A yes authorises exactly this call (tool and canonical
 * input), once: when it runs, the approval is used, and a repeat needs a new one.
 *
 * @param taskId the task that asked, or null (a chat that has not become a task)
 * @param decidedAt when it was approved or denied, or when it expired; null while pending
 * @param usedAt when the decision was used: the approved call ran, or the chat that asked was told the no; null
 *     until then
 */
public record Approval(long id, Instant createdAt, Instant expiresAt, Long taskId, String tool, ObjectNode input,
        String reason, State state, Instant decidedAt, Instant usedAt) {

    public enum State {
        PENDING,
        APPROVED,
        DENIED,
        /** Nobody answered in time: the same as denied. */
        EXPIRED
    }

    /** Whether the call may now run: approved and not yet used. */
    public boolean granted() {
        return state == State.APPROVED && usedAt == null;
    }
}
