package dev.kairos.effect;

import java.time.Duration;
import java.util.Optional;

/** What became of one delivery attempt. */
public sealed interface Outcome {
    /** Done; {@code receipt} says where it went (a URL, a message id), for the user and the agent. */
    record Delivered(String receipt) implements Outcome {}

    /** A passing failure (a 5xx, a time-out, a rate limit): tried again later, no sooner than {@code after}. */
    record Retry(String reason, Optional<Duration> after) implements Outcome {
        public static Retry because(String reason) {
            return new Retry(reason, Optional.empty());
        }
    }

    /** The far side refused it for good (a 4xx): trying again would fail alike, so it is reported, not retried. */
    record Refused(String reason) implements Outcome {}
}
