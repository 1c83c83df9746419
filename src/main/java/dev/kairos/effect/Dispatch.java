package dev.kairos.effect;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers what the outbox holds: each due effect goes to the courier of its kind; a passing failure is retried with
 * exponential backoff (30 s, doubling, at most an hour apart), a refusal or the last of {@link #MAX_ATTEMPTS} fails
 * the effect for good. Runs after each beat; costs no tokens.
 */
public final class Dispatch {
    private static final Logger log = LoggerFactory.getLogger(Dispatch.class);
    static final int MAX_ATTEMPTS = 10;
    static final Duration FIRST_RETRY = Duration.ofSeconds(30);
    static final Duration LONGEST_RETRY = Duration.ofHours(1);
    private static final int BATCH = 50;

    /** What one round delivered, put off and gave up. */
    public record Round(int delivered, int retrying, int failed) {
        public static final Round NONE = new Round(0, 0, 0);
    }

    private final Outbox outbox;
    private final Map<String, Courier> couriers;
    private final InstantSource clock;

    public Dispatch(Outbox outbox, List<Courier> couriers, InstantSource clock) {
        this.outbox = outbox;
        this.couriers = couriers.stream().collect(Collectors.toUnmodifiableMap(Courier::kind, Function.identity()));
        this.clock = clock;
    }

    /** Delivers every effect due now, oldest first. */
    public synchronized Round deliverDue() {
        int delivered = 0;
        int retrying = 0;
        int failed = 0;
        for (Effect e : outbox.due(clock.instant(), BATCH)) {
            int attempt = e.attempts() + 1;
            Instant retryAt = clock.instant().plus(backoff(attempt));
            if (!outbox.attempt(e.id(), retryAt)) continue;
            Outcome outcome = deliver(e);
            Instant now = clock.instant();
            switch (outcome) {
                case Outcome.Delivered d -> {
                    outbox.delivered(e.id(), d.receipt(), now);
                    log.info("effect={} kind={} delivered attempt={} receipt={}", e.id(), e.kind(), attempt, d.receipt());
                    delivered++;
                }
                case Outcome.Refused r -> {
                    outbox.failed(e.id(), r.reason(), now);
                    log.warn("effect={} kind={} refused, not retried: {}", e.id(), e.kind(), r.reason());
                    failed++;
                }
                case Outcome.Retry r when attempt >= MAX_ATTEMPTS -> {
                    outbox.failed(e.id(), "gave up after " + attempt + " attempts: " + r.reason(), now);
                    log.warn("effect={} kind={} gave up after {} attempts: {}", e.id(), e.kind(), attempt, r.reason());
                    failed++;
                }
                case Outcome.Retry r -> {
                    Instant at = r.after().map(now::plus).filter(retryAt::isBefore).orElse(retryAt);
                    outbox.retry(e.id(), r.reason(), at);
                    log.info("effect={} kind={} attempt={} failed, retry at {}: {}", e.id(), e.kind(), attempt, at,
                            r.reason());
                    retrying++;
                }
            }
        }
        return new Round(delivered, retrying, failed);
    }

    private Outcome deliver(Effect e) {
        Courier courier = couriers.get(e.kind());
        if (courier == null) {
            return Outcome.Retry.because("nothing here delivers '" + e.kind() + "' effects; configure it (see "
                    + "kairos.yaml) and it goes out at the next attempt");
        }
        try {
            return courier.deliver(e);
        } catch (RuntimeException ex) {
            return Outcome.Retry.because(ex.getClass().getSimpleName() + ": " + ex.getMessage());
        }
    }

    /** 30 s before the 2nd attempt, doubling, at most an hour. */
    static Duration backoff(int attempt) {
        int doublings = Math.min(attempt - 1, 20);
        Duration d = FIRST_RETRY.multipliedBy(1L << doublings);
        return d.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : d;
    }
}
