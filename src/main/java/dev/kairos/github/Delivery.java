package dev.kairos.github;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One GitHub event as a webhook delivers it: the {@code X-GitHub-Event} name ("check_run") and its JSON payload.
 * Polling builds the same shape from the REST API, so a change seen both ways normalises to one inbox event.
 */
public record Delivery(String event, JsonNode payload) {
    public Delivery {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(payload, "payload");
    }
}
