package dev.kairos.cli;

import dev.kairos.store.AgentLock;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The agent running on a home, reached over its local HTTP API at the port it published in agent.lock. Plain
 * HttpURLConnection: java.net.http's client costs a short command about 300 ms to start.
 */
final class RunningAgent {
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration ANSWER = Duration.ofMinutes(2);

    private RunningAgent() {}

    static String get(Path home, String path) {
        return send(home, path, "GET");
    }

    static String post(Path home, String path) {
        return send(home, path, "POST");
    }

    private static String send(Path home, String path, String method) {
        int port = AgentLock.publishedPort(home).orElseThrow(() -> new UserError("the agent is running on " + home
                + " but has not published its HTTP port yet; try again in a moment"));
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        HttpURLConnection c = null;
        try {
            c = (HttpURLConnection) uri.toURL().openConnection(java.net.Proxy.NO_PROXY);
            c.setRequestMethod(method);
            c.setConnectTimeout((int) CONNECT.toMillis());
            c.setReadTimeout((int) ANSWER.toMillis());
            if (method.equals("POST")) {
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(0);
            }
            int status = c.getResponseCode();
            if (status != 200) throw new IOException("HTTP " + status);
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
}
