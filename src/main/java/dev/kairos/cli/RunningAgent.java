package dev.kairos.cli;

import dev.kairos.store.AgentLock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/** The agent running on a home, reached over its local HTTP API at the port it published in agent.lock. */
final class RunningAgent {
    private RunningAgent() {}

    static String get(Path home, String path) throws InterruptedException {
        return send(home, path, HttpRequest.newBuilder().GET());
    }

    static String post(Path home, String path) throws InterruptedException {
        return send(home, path, HttpRequest.newBuilder().POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static String send(Path home, String path, HttpRequest.Builder request) throws InterruptedException {
        int port = AgentLock.publishedPort(home).orElseThrow(() -> new UserError("the agent is running on " + home
                + " but has not published its HTTP port yet; try again in a moment"));
        URI uri = URI.create("http://127.0.0.1:" + port + path);
        try {
            HttpResponse<String> r = HttpClient.newHttpClient().send(request.uri(uri).timeout(Duration.ofMinutes(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) throw new IOException("HTTP " + r.statusCode());
            return r.body();
        } catch (IOException e) {
            throw new UserError("the agent is running on " + home + " but did not answer at " + uri + " ("
                    + e.getMessage() + "); see " + home.resolve("logs/kairos.log"));
        }
    }
}
