package dev.kairos.bench;

import dev.kairos.github.GitHubWebhooks;
import dev.kairos.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.LongConsumer;
import java.util.stream.Stream;

/**
 * What handling a GitHub delivery costs Kairos: every example delivery, signed, posted {@code repeat} times over
 * HTTP to a receiver on 127.0.0.1 (a fresh workspace following the examples' repositories), each under a new
 * delivery id so that every post runs the whole path (size, signature, parse, normalise, the inbox, the delivery
 * table). The time is measured inside the server, from the handler's start to its answer, so the client's share
 * does not count. A first pass against another workspace warms the JVM up and is not counted.
 */
public final class WebhookBench {
    static final String SECRET = "kairos-bench-webhook-secret";

    /** A running receiver of deliveries. */
    public interface Receiver extends AutoCloseable {
        int port();

        @Override
        void close();
    }

    /** Opens a receiver over a fresh workspace in {@code dir}, telling {@code handlingNanos} each delivery's time. */
    public interface Receivers {
        Receiver open(Path dir, List<String> repos, String secret, LongConsumer handlingNanos);
    }

    private record Example(String event, byte[] body) {}

    private final Path work;
    private final Receivers receivers;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .proxy(HttpClient.Builder.NO_PROXY).build();

    public WebhookBench(Path work, Receivers receivers) {
        this.work = work;
        this.receivers = receivers;
    }

    /** @throws IllegalArgumentException when {@code examples} holds no EVENT/*.json deliveries */
    public WebhookReport run(Path examples, int repeat) {
        List<Example> all = read(examples);
        List<String> repos = all.stream().map(e -> Json.tree(new String(e.body(), java.nio.charset.StandardCharsets.UTF_8))
                .path("repository").path("full_name").asText("")).filter(r -> !r.isEmpty()).distinct().sorted().toList();
        try (Receiver warm = receivers.open(work.resolve("warm-up"), repos, SECRET, nanos -> {})) {
            post(warm, all, 1, "warm", new WebhookReport.Counts());
        }
        List<Long> nanos = Collections.synchronizedList(new ArrayList<>());
        WebhookReport.Counts counts = new WebhookReport.Counts();
        try (Receiver measured = receivers.open(work.resolve("measured"), repos, SECRET, nanos::add)) {
            post(measured, all, repeat, "bench", counts);
        }
        return WebhookReport.of(all.size(), repeat, repos, counts, nanos);
    }

    private void post(Receiver r, List<Example> all, int rounds, String id, WebhookReport.Counts counts) {
        URI uri = URI.create("http://127.0.0.1:" + r.port() + "/hooks/github");
        for (int round = 1; round <= rounds; round++) {
            for (int i = 0; i < all.size(); i++) {
                Example e = all.get(i);
                HttpRequest req = HttpRequest.newBuilder(uri)
                        .header("Content-Type", "application/json")
                        .header("X-GitHub-Event", e.event())
                        .header("X-GitHub-Delivery", id + "-" + round + "-" + i)
                        .header("X-Hub-Signature-256", GitHubWebhooks.signature(SECRET, e.body()))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(e.body())).build();
                try {
                    HttpResponse<String> answer = http.send(req, HttpResponse.BodyHandlers.ofString());
                    counts.add(round, answer.statusCode(), answer.body());
                } catch (IOException ex) {
                    throw new UncheckedIOException("the receiver did not answer: " + ex.getMessage(), ex);
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", ex);
                }
            }
        }
    }

    private static List<Example> read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no folder " + dir + "; give --data the payload-examples folder of "
                    + "GitHub's example deliveries (octokit/webhooks), e.g. ../shared/data/github-webhooks/payload-examples");
        }
        try (Stream<Path> files = Files.walk(dir, 2)) {
            List<Example> all = new ArrayList<>();
            for (Path f : files.filter(Files::isRegularFile).filter(f -> f.toString().endsWith(".json"))
                    .filter(f -> !f.getParent().equals(dir)).sorted().toList()) {
                all.add(new Example(f.getParent().getFileName().toString(), Files.readAllBytes(f)));
            }
            if (all.isEmpty()) throw new IllegalArgumentException("no EVENT/*.json deliveries under " + dir);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        }
    }
}
