package dev.kairos.github;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.kairos.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Requests to the GitHub REST API with the JDK HttpClient and the one JSON mapper. Polling goes through here, not
 * through hub4j: hub4j keeps ETags in its own HTTP cache, retries and sleeps on rate limits by itself and does not
 * show the response headers, while polling must store each ETag in SQLite to send it back as If-None-Match after a
 * restart, and must read X-Poll-Interval, X-RateLimit-* and Retry-After itself to pace its requests on the clock it
 * is given. hub4j stays the client for writes (see {@link GitHubAccess#client}).
 */
final class RestApi {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private final URI base;
    private final HttpClient http;

    /** @param base the API root, e.g. https://api.github.com or https://HOST/api/v3, without a trailing slash */
    RestApi(URI base, HttpClient http) {
        this.base = base;
        this.http = http;
    }

    URI base() {
        return base;
    }

    HttpClient http() {
        return http;
    }

    /** A GET, conditional on {@code etag} when there is one. */
    Answer get(String path, Optional<String> authorization, Optional<String> etag)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, authorization).GET();
        etag.ifPresent(e -> request.header("If-None-Match", e));
        return send(request.build(), path);
    }

    /** A POST of a JSON body. */
    Answer post(String path, Optional<String> authorization, JsonNode body) throws IOException, InterruptedException {
        HttpRequest request = request(path, authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body))).build();
        return send(request, path);
    }

    private HttpRequest.Builder request(String path, Optional<String> authorization) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(TIMEOUT)
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", "2022-11-28")
                .header("User-Agent", "kairos");
        authorization.ifPresent(a -> b.header("Authorization", a));
        return b;
    }

    private Answer send(HttpRequest request, String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return new Answer(r.statusCode(), r.headers(), body(r.body(), r.statusCode(), path));
    }

    private static JsonNode body(byte[] bytes, int status, String path) throws IOException {
        if (bytes.length == 0) return MissingNode.getInstance();
        try {
            return Json.MAPPER.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            if (status / 100 != 2) return MissingNode.getInstance(); // an error page from a proxy: the status says it
            throw new IOException("GitHub answered " + path + " with " + status + " but no readable JSON");
        }
    }
}
