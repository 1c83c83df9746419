package dev.kairos.cli;

import dev.kairos.json.Json;
import dev.kairos.store.AgentLock;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The agent running on a home, reached over its local HTTP API at the port it published in agent.lock. Plain
 * HttpURLConnection: java.net.http's client costs a short command about 300 ms to start.
 */
final class RunningAgent {
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration ANSWER = Duration.ofMinutes(2);
    /** A chat turn may run a command for 10 minutes, and wait for the beat in progress before it starts. */
    static final Duration CHAT_ANSWER = Duration.ofMinutes(20);

    private RunningAgent() {}

    static String get(Path home, String path) {
        return send(home, path, "GET", null, Optional.empty(), ANSWER);
    }

    static String post(Path home, String path) {
        return send(home, path, "POST", null, Optional.empty(), ANSWER);
    }

    /**
     * Posts a JSON body, with the web token when one is configured. An answer with an {@code error} field (a
     * message the agent refused, no model) becomes that one line for the user.
     */
    static String postJson(Path home, String path, String json, Optional<String> token, Duration answer) {
        return send(home, path, "POST", json, token, answer);
    }

    private static String send(Path home, String path, String method, String json, Optional<String> token,
            Duration answer) {
        int port = AgentLock.publishedPort(home).orElseThrow(() -> new UserError("the agent is running on " + home
                + " but has not published its HTTP port yet; try again in a moment"));
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) uri.toURL().openConnection(java.net.Proxy.NO_PROXY);
            c.setRequestMethod(method);
            c.setConnectTimeout((int) CONNECT.toMillis());
            c.setReadTimeout((int) answer.toMillis());
            if (token.isPresent()) c.setRequestProperty("Authorization", "Bearer " + token.get());
            byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
            if (json != null) c.setRequestProperty("Content-Type", "application/json");
            if (method.equals("POST")) {
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(body.length);
                try (OutputStream out = c.getOutputStream()) {
                    out.write(body);
                }
            }
            int status = c.getResponseCode();
            if (status != 200) {
                Optional<String> reason = reason(c.getErrorStream());
                if (reason.isPresent()) throw new UserError(reason.get());
                throw new IOException("HTTP " + status);
            }
            try (InputStream in = c.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UserError("the agent is running on " + home + " but did not answer at " + uri + " ("
                    + e.getMessage() + "); see " + home.resolve("logs/kairos.log"));
        } finally {
            if (c != null) c.disconnect();
        }
    }

    /** The agent's own one-line reason for an answer other than 200, when it gave one. */
    private static Optional<String> reason(InputStream errorBody) throws IOException {
        if (errorBody == null) return Optional.empty();
        try (errorBody) {
            String text = new String(errorBody.readAllBytes(), StandardCharsets.UTF_8);
            var error = text.startsWith("{") ? Json.tree(text).path("error") : null;
            return error != null && error.isTextual() ? Optional.of(error.asText()) : Optional.empty();
        } catch (IllegalStateException notJson) {
            return Optional.empty();
        }
    }
}
