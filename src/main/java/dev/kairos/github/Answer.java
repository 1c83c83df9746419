package dev.kairos.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** One answer of the GitHub REST API: the status, the headers polling paces itself by, and the JSON body. */
record Answer(int status, HttpHeaders headers, JsonNode body) {

    boolean ok() {
        return status / 100 == 2;
    }

    boolean notModified() {
        return status == 304;
    }

    Optional<String> etag() {
        return headers.firstValue("ETag");
    }

    /** Retry-After in seconds (GitHub never sends the HTTP-date form); absent or unreadable: empty. */
    Optional<Duration> retryAfter() {
        return seconds("Retry-After").stream().mapToObj(Duration::ofSeconds).findFirst();
    }

    /** X-Poll-Interval: the least time GitHub wants between two polls of a resource. */
    Optional<Duration> pollInterval() {
        return seconds("X-Poll-Interval").stream().mapToObj(Duration::ofSeconds).findFirst();
    }

    OptionalLong rateLimit() {
        return seconds("X-RateLimit-Limit");
    }

    OptionalLong rateRemaining() {
        return seconds("X-RateLimit-Remaining");
    }

    Optional<Instant> rateReset() {
        return seconds("X-RateLimit-Reset").stream().mapToObj(Instant::ofEpochSecond).findFirst();
    }

    /** GitHub's own words for a failure ("Bad credentials"), one line, clipped. */
    String message() {
        String m = body.path("message").asText("");
        m = m.isBlank() ? "no message" : m.strip().lines().findFirst().orElse("");
        return m.length() > 200 ? m.substring(0, 200) + "…" : m;
    }

    private OptionalLong seconds(String name) {
        Optional<String> v = headers.firstValue(name).map(String::strip);
        return v.isPresent() && v.get().matches("\\d{1,12}") ? OptionalLong.of(Long.parseLong(v.get()))
                : OptionalLong.empty();
    }
}
