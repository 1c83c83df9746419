package dev.kairos.model;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Sends a request again after a failure worth retrying (rate limits, overload, a refused connection), waiting
 * what the provider asked for in {@code retry-after}, else an exponential back-off. The SDKs' own retries are off so
 * that both providers behave alike and tests can hold the waiting.
 */
final class Retry {

    static final int MAX_RETRIES = 3;

    private static final Duration FIRST_WAIT = Duration.ofMillis(500);
    private static final Duration LONGEST_BACKOFF = Duration.ofSeconds(8);
    /** A daemon should not block for long on one call; a longer retry-after fails at once and says so. */
    private static final Duration LONGEST_WAIT = Duration.ofSeconds(60);

    private final int maxRetries;
    private final Sleeper sleeper;

    Retry(int maxRetries, Sleeper sleeper) {
        this.maxRetries = maxRetries;
        this.sleeper = sleeper;
    }

    /** Runs {@code attempt}, which reports failures as {@link ModelException}s, until it succeeds or gives up. */
    <T> T call(Supplier<T> attempt) {
        for (int retry = 0; ; retry++) {
            try {
                return attempt.get();
            } catch (ModelException e) {
                if (!e.retryable()) {
                    throw e;
                }
                if (retry >= maxRetries) {
                    throw e.finalAfter(" (gave up after " + retry + (retry == 1 ? " retry)" : " retries)"));
                }
                Duration wait = e.retryAfter().orElse(backoff(retry));
                if (wait.compareTo(LONGEST_WAIT) > 0) {
                    throw e.finalAfter(" (it asked to wait " + wait.toSeconds() + " s, longer than Kairos waits)");
                }
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e.finalAfter(" (interrupted while waiting to retry)");
                }
            }
        }
    }

    /** 0.5 s, 1 s, 2 s, ... at most 8 s. */
    static Duration backoff(int retry) {
        Duration wait = FIRST_WAIT.multipliedBy(1L << Math.min(retry, 10));
        return wait.compareTo(LONGEST_BACKOFF) > 0 ? LONGEST_BACKOFF : wait;
    }
}
