package dev.kairos.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request the {@link FakeGitHub} answered.
 *
 * @param path without the query, e.g. {@code /repos/octo/app/pulls}
 * @param query the decoded query parameters (the first value of each)
 * @param headers lower-cased names
 * @param body the parsed JSON body (a missing node if there was none)
 * @param status what the fake answered (304 for an unchanged resource)
 */
public record GitHubRequest(String method, String path, Map<String, String> query, Map<String, List<String>> headers,
        JsonNode body, int status) {

    public GitHubRequest {
        query = Map.copyOf(query);
        headers = Map.copyOf(headers);
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** "GET /repos/octo/app/pulls", for readable assertions. */
    public String line() {
        return method + " " + path;
    }
}
