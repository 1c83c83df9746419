package dev.kairos.effect;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One outward effect recorded in the outbox: what to do ({@code kind} names the {@link Courier} that does it, its
 * {@code payload} a JSON object as text), under an idempotency {@code key} that is recorded once.
 *
 * @param taskId the task whose step decided it, if a task did
 */
public record Effect(long id, String kind, String key, String payload, State state, int attempts,
        Instant nextAttemptAt, Instant createdAt, Optional<Instant> deliveredAt, Optional<String> receipt,
        Optional<String> lastError, Optional<Long> taskId) {

    public enum State {
        /** Not delivered yet: due at {@code nextAttemptAt}. */
        PENDING,
        /** Done; its receipt says where (a URL, a message id). Never delivered again. */
        DELIVERED,
        /** Refused by the far side, or out of attempts: reported, never retried. */
        FAILED
    }

    /** What a step decided to do, before the outbox records it. */
    public record Draft(String kind, String key, String payload, Optional<Long> taskId) {
        public Draft {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(payload, "payload");
            Objects.requireNonNull(taskId, "taskId");
            if (key.isBlank()) throw new IllegalArgumentException("an effect needs an idempotency key");
        }

        public static Draft of(String kind, String key, String payload) {
            return new Draft(kind, key, payload, Optional.empty());
        }

        public Draft forTask(long task) {
            return new Draft(kind, key, payload, Optional.of(task));
        }
    }
}
