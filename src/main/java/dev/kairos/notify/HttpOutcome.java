package dev.kairos.notify;

import dev.kairos.effect.Outcome;
import dev.kairos.event.Printable;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * What an HTTP answer from a push server means for the outbox: 2xx delivered, 429 and 5xx later (after its
 * Retry-After, if it gave one), any other 4xx refused for good, since sending the same again would fail alike.
 */
final class HttpOutcome {
    private static final int MAX_REASON = 300;

    private HttpOutcome() {}

    /** Not a 2xx; {@code service} names the far side in the reason ("ntfy at https://ntfy.sh/"). */
    static Outcome failure(String service, int status, HttpHeaders headers, String body, Instant now) {
        String reason = service + " answered HTTP " + status + detail(body)
                + headers.firstValue("Location").filter(l -> status >= 300 && status < 400)
                        .map(l -> "; it moved to " + l + ": configure that URL").orElse("");
        if (status == 429 || status >= 500) return new Outcome.Retry(reason, retryAfter(headers, now));
        return new Outcome.Refused(reason);
    }

    /** An I/O failure or a time-out: the far side may be back later. */
    static Outcome unreachable(String service, Exception e) {
        String what = e instanceof java.net.http.HttpTimeoutException ? "did not answer in time"
                : "could not be reached (" + e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        return Outcome.Retry.because(service + " " + what);
    }

    static boolean success(int status) {
        return status >= 200 && status < 300;
    }

    /** Retry-After as seconds or as an HTTP date (RFC 9110 10.2.3); nothing when absent or unreadable. */
    static Optional<Duration> retryAfter(HttpHeaders headers, Instant now) {
        Optional<String> value = headers.firstValue("Retry-After").map(String::strip);
        if (value.isEmpty()) return Optional.empty();
        String v = value.get();
        if (v.matches("\\d{1,9}")) return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
        try {
            Duration d = Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
            return d.isNegative() ? Optional.empty() : Optional.of(d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String detail(String body) {
        if (body == null || body.isBlank()) return "";
        String b = Printable.of(body.strip().replaceAll("\\s+", " "));
        return ": " + (b.length() > MAX_REASON ? b.substring(0, MAX_REASON) + "…" : b);
    }
}
