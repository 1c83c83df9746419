package dev.kairos.model;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A model call failed. {@link #getMessage()} is one line for the user: what happened, at which provider, model and
 * URL, and what to do. It never contains an API key.
 */
public final class ModelException extends RuntimeException {

    public enum Kind {
        /** The key is missing, wrong, or not allowed to use the model. */
        AUTH,
        /** The model (or the URL) does not exist. */
        NOT_FOUND,
        RATE_LIMITED,
        /** The provider is overloaded or failing; trying later usually helps. */
        OVERLOADED,
        /** The prompt does not fit the model's context window. */
        CONTEXT_TOO_LONG,
        /** No answer: the server could not be reached or did not answer in time. */
        UNREACHABLE,
        /** The provider refused the request as malformed. */
        BAD_REQUEST,
        /** The provider answered something that is not its API's reply. */
        BAD_RESPONSE
    }

    private final Kind kind;
    private final transient Duration retryAfter;
    private final boolean retryable;

    ModelException(Kind kind, String message, Duration retryAfter, boolean retryable, Throwable cause) {
        super(Objects.requireNonNull(message, "message"), cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = retryAfter;
        this.retryable = retryable;
    }

    public Kind kind() {
        return kind;
    }

    /** How long the provider asked us to wait before trying again, if it said. */
    Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * Whether this request will fail the same way however often it is sent (too long, malformed, an unknown model),
     * as opposed to a failure that time may cure (rate limits, overload, no answer) or a setting the user fixes
     * (the key).
     */
    public boolean permanent() {
        return switch (kind) {
            case CONTEXT_TOO_LONG, BAD_REQUEST, NOT_FOUND -> true;
            case AUTH, RATE_LIMITED, OVERLOADED, UNREACHABLE, BAD_RESPONSE -> false;
        };
    }

    /** Whether the same request may succeed if sent again. */
    boolean retryable() {
        return retryable;
    }

    /** The same failure, with a note appended to its message and no longer retryable. */
    ModelException finalAfter(String note) {
        return new ModelException(kind, getMessage() + note, retryAfter, false, getCause());
    }
}
