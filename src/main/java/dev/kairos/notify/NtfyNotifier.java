package dev.kairos.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.config.NotifySettings;
import dev.kairos.effect.Outcome;
import dev.kairos.json.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * ntfy (https://ntfy.sh or self-hosted), as its docs' "Publish as JSON": a POST to the server's root URL of
 * {@code {topic, title, message, priority, tags, click, actions}}, the message within ntfy's 4,096 bytes, each
 * action an {@code http} button that clears the notification once its request succeeded.
 */
final class NtfyNotifier implements Notifier {
    /** ntfy's default message-size-limit: a longer message would become an attachment (or be refused). */
    static final int MESSAGE_LIMIT = 4096;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final URI root;
    private final String topic;
    private final Optional<String> token;
    private final Supplier<HttpClient> http;
    private final InstantSource clock;

    NtfyNotifier(URI topicUrl, Optional<String> token, Supplier<HttpClient> http, InstantSource clock) {
        this.topic = NotifySettings.ntfyTopic(topicUrl);
        String path = topicUrl.getRawPath().replaceAll("/+$", "");
        this.root = URI.create(topicUrl.getScheme() + "://" + topicUrl.getRawAuthority()
                + path.substring(0, path.lastIndexOf('/') + 1));
        this.token = token;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "ntfy";
    }

    @Override
    public Outcome send(Notification n) {
        HttpRequest.Builder request = HttpRequest.newBuilder(root).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body(n))));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        String service = "ntfy at " + root;
        try {
            HttpResponse<String> r = http.get().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (!HttpOutcome.success(r.statusCode())) {
                return HttpOutcome.failure(service, r.statusCode(), r.headers(), r.body(), clock.instant());
            }
            return new Outcome.Delivered(messageId(r.body()).orElse("ntfy answered HTTP " + r.statusCode()));
        } catch (IOException e) {
            return HttpOutcome.unreachable(service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.Retry.because(service + ": interrupted");
        }
    }

    /** The JSON ntfy publishes (server/types.go publishMessage); priority 5 urgent, 3 normal, 2 low. */
    ObjectNode body(Notification n) {
        ObjectNode o = Json.object();
        o.put("topic", topic);
        o.put("title", n.title());
        o.put("message", Utf8Limit.cut(n.message(), MESSAGE_LIMIT));
        o.put("priority", priority(n.priority()));
        ArrayNode tags = o.putArray("tags");
        n.tags().forEach(tags::add);
        n.click().ifPresent(c -> o.put("click", c.toString()));
        ArrayNode actions = o.putArray("actions");
        for (Notification.Action a : n.actions()) {
            actions.addObject().put("action", "http").put("label", a.label()).put("url", a.url().toString())
                    .put("method", a.method()).put("clear", true);
        }
        return o;
    }

    static int priority(Notification.Priority p) {
        return switch (p) {
            case URGENT -> 5;
            case NORMAL -> 3;
            case LOW -> 2;
        };
    }

    private static Optional<String> messageId(String body) {
        try {
            JsonNode id = Json.tree(body).get("id");
            return id != null && id.isTextual() && !id.asText().isBlank() ? Optional.of(id.asText()) : Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.empty();
        }
    }
}
