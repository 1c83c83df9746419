package dev.kairos.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Telegram's Bot API over the JDK's HTTP client and the one JSON mapper: a method is a POST of a JSON object to
 * {@code BASE/botTOKEN/METHOD}, answered by {@code {"ok":true,"result":…}} or {@code {"ok":false,"error_code":…,
 * "description":…,"parameters":{"retry_after":…}}}. The token is part of every address, so no address, and no
 * message that might hold one, leaves this class unscrubbed.
 */
final class BotApi {
    /** The Bot API's own limit on files a bot may download. */
    static final long MAX_FILE_BYTES = 20L * 1024 * 1024;

    /** A call that failed: {@code status} is the HTTP status, 0 when the server was not reached. */
    static final class Failure extends Exception {
        final int status;
        final Optional<Duration> retryAfter;

        Failure(int status, String message, Optional<Duration> retryAfter) {
            super(message);
            this.status = status;
            this.retryAfter = retryAfter;
        }

        /** Worth trying again later: the network, a rate limit, the server's own trouble. */
        boolean passing() {
            return status == 0 || status == 429 || status >= 500;
        }
    }

    private final Supplier<HttpClient> client;
    private HttpClient http; // made on first use: starting one costs a short command like `status` ~300 ms
    private final String base;
    private final String token;

    BotApi(Supplier<HttpClient> client, URI base, String token) {
        this.client = client;
        String b = base.toString();
        this.base = b.endsWith("/") ? b.substring(0, b.length() - 1) : b;
        this.token = token;
    }

    /** Calls {@code method} with {@code params}; its {@code result}. */
    JsonNode call(String method, ObjectNode params, Duration timeout) throws Failure, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/bot" + token + "/" + method))
                .timeout(timeout).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(params))).build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString(), timeout);
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(response.body());
        } catch (IOException | RuntimeException notJson) {
            throw new Failure(response.statusCode(), method + ": HTTP " + response.statusCode()
                    + " without a Bot API answer", Optional.empty());
        }
        if (body != null && body.path("ok").asBoolean(false) && response.statusCode() / 100 == 2) {
            return body.path("result");
        }
        int status = body == null ? response.statusCode() : body.path("error_code").asInt(response.statusCode());
        JsonNode after = body == null ? null : body.path("parameters").get("retry_after");
        String why = body == null ? "" : body.path("description").asText("");
        throw new Failure(status, scrub(method + ": " + status + (why.isBlank() ? "" : " " + why)),
                after == null ? Optional.empty() : Optional.of(Duration.ofSeconds(after.asLong())));
    }

    /** Downloads a file the API named with getFile ({@code file_path}); at most {@link #MAX_FILE_BYTES}. */
    byte[] download(String filePath, Duration timeout) throws Failure, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/file/bot" + token + "/" + filePath))
                .timeout(timeout).GET().build();
        HttpResponse<InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream(), timeout);
        try (InputStream in = response.body()) {
            if (response.statusCode() != 200) {
                throw new Failure(response.statusCode(), "file download: HTTP " + response.statusCode(),
                        Optional.empty());
            }
            byte[] bytes = in.readNBytes((int) MAX_FILE_BYTES + 1);
            if (bytes.length > MAX_FILE_BYTES) {
                throw new Failure(413, "file download: larger than 20 MB", Optional.empty());
            }
            return bytes;
        } catch (IOException e) {
            throw new Failure(0, scrub("file download: " + e.getMessage()), Optional.empty());
        }
    }

    /** Sends and waits at most {@code timeout} and a little; an interrupt cancels the call (a stopping agent). */
    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, Duration timeout)
            throws Failure, InterruptedException {
        CompletableFuture<HttpResponse<T>> call = http().sendAsync(request, handler);
        try {
            return call.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            call.cancel(true);
            throw new Failure(0, "no answer within " + timeout.toSeconds() + " s", Optional.empty());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String what = cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            throw new Failure(0, scrub("cannot reach the Bot API at " + base + ": " + what), Optional.empty());
        }
    }

    private synchronized HttpClient http() {
        if (http == null) http = client.get();
        return http;
    }

    /** The text without the token, should a message quote an address. */
    private String scrub(String text) {
        return token.isEmpty() ? text : text.replace(token, "<token>");
    }
}
