package dev.kairos.github;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * When polling may ask GitHub again (table github_poll_times, written at once: a restart must not poll early).
 * Per repository: the configured interval, raised by X-Poll-Interval. For the whole account: Retry-After, and the
 * primary rate limit: when it is spent, or below a tenth of the hour's allowance (left for replies and fixes), no
 * request goes before its reset. A 304 costs no rate limit, so its headers never pause anything by themselves.
 */
final class Pace {
    static final String ACCOUNT = "*";
    /** GitHub's advice for a secondary rate limit that names no Retry-After. */
    static final Duration SECONDARY_WAIT = Duration.ofMinutes(1);
    private final Jdbi jdbi;
    private final Duration every;
    private Map<String, Wait> next;

    /** Why polling waits; for logs. */
    record Wait(Instant until, String reason) {}

    Pace(Jdbi jdbi, Duration every) {
        this.jdbi = jdbi;
        this.every = every;
    }

    Duration every() {
        return every;
    }

    /** The account's wait (Retry-After, rate limit), if it lasts beyond {@code now}. */
    Optional<Wait> accountWaits(Instant now) {
        return Optional.ofNullable(next().get(ACCOUNT)).filter(w -> now.isBefore(w.until()));
    }

    boolean due(String repo, Instant now) {
        Wait w = next().get(repo);
        return w == null || !now.isBefore(w.until());
    }

    /** After a poll of {@code repo}: next at the interval or the longest X-Poll-Interval its answers asked for. */
    void polled(String repo, Instant now, Duration asked) {
        set(repo, now.plus(asked.compareTo(every) > 0 ? asked : every), asked.compareTo(every) > 0
                ? "x-poll-interval" : "interval");
    }

    /** After a failed poll of {@code repo}: try again at the next interval. */
    void failed(String repo, Instant now) {
        set(repo, now.plus(every), "error");
    }

    /**
     * Reads the rate-limit headers of an answer; returns the account's wait when one began. A 403 or 429 that
     * names no wait and no spent limit is a refusal, not a rate limit, except that a 429 always is one.
     */
    Optional<Wait> heard(Answer a, Instant now) {
        Optional<Wait> wait = Optional.empty();
        boolean refused = a.status() == 403 || a.status() == 429;
        // absent headers (an Enterprise server with rate limiting off) limit nothing
        boolean spent = a.rateRemaining().isPresent() && a.rateRemaining().getAsLong() == 0;
        boolean low = a.rateRemaining().isPresent() && a.rateLimit().isPresent()
                && a.rateRemaining().getAsLong() < a.rateLimit().getAsLong() / 10;
        if (refused && a.retryAfter().isPresent()) {
            wait = Optional.of(new Wait(now.plus(a.retryAfter().get()), "retry-after"));
        } else if (!a.notModified() && (spent || low)) {
            Instant reset = a.rateReset().filter(now::isBefore).orElse(now.plus(SECONDARY_WAIT));
            wait = Optional.of(new Wait(reset, spent ? "rate-limit-spent" : "rate-limit-low"));
        } else if (a.status() == 429) {
            wait = Optional.of(new Wait(now.plus(SECONDARY_WAIT), "too-many-requests"));
        }
        wait.ifPresent(w -> set(ACCOUNT, w.until(), w.reason()));
        return wait;
    }

    private void set(String scope, Instant at, String reason) {
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO github_poll_times (scope, next_at, reason) VALUES (:s, :t, :r)
                ON CONFLICT (scope) DO UPDATE SET next_at = excluded.next_at, reason = excluded.reason""")
                .bind("s", scope).bind("t", at.toEpochMilli()).bind("r", reason).execute());
        next().put(scope, new Wait(at, reason));
    }

    private Map<String, Wait> next() {
        if (next == null) {
            Map<String, Wait> read = new HashMap<>();
            jdbi.useHandle(h -> h.createQuery("SELECT scope, next_at, reason FROM github_poll_times")
                    .map((rs, ctx) -> Map.entry(rs.getString("scope"),
                            new Wait(Instant.ofEpochMilli(rs.getLong("next_at")), rs.getString("reason"))))
                    .forEach(e -> read.put(e.getKey(), e.getValue())));
            next = read;
        }
        return next;
    }
}
