package dev.kairos.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request the {@link FakeModelServer} received.
 *
 * @param headers lower-cased names
 * @param body the parsed JSON body (a missing node if the body was empty or not JSON)
 * @param inputTokens what the server counted (o200k_base) over the system prompt, messages and tool schemas
 */
public record RecordedRequest(String method, String path, Map<String, List<String>> headers, JsonNode body,
        long inputTokens) {

    public RecordedRequest {
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    public boolean streamed() {
        return body.path("stream").asBoolean(false);
    }

    public boolean isAnthropic() {
        return path.endsWith("/messages");
    }
}
