package dev.kairos.web;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.notify.PushSubscriptions;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Where a browser subscribes to Web Push: the page ({@code GET /push}), its service worker ({@code GET /push/sw.js}),
 * this Kairos's VAPID public key ({@code GET /push/key}) and {@code POST /push/subscribe}. Static files from the jar,
 * no CDN; like the rest of the server, it answers to this machine only.
 */
final class PushPage {
    private final Optional<PushSubscriptions> push;
    private final String html = resource("/web/push.html");
    private final String worker = resource("/web/push-sw.js");

    PushPage(Optional<PushSubscriptions> push) {
        this.push = push;
    }

    void page(Context ctx) {
        ctx.contentType("text/html; charset=utf-8").result(html);
    }

    void worker(Context ctx) {
        ctx.header("Cache-Control", "no-cache").contentType("text/javascript; charset=utf-8").result(worker);
    }

    void key(Context ctx) {
        if (unavailable(ctx)) return;
        json(ctx, 200, Map.of("applicationServerKey", push.get().applicationServerKey()));
    }

    /** The body is the browser's {@code PushSubscription.toJSON()}: {endpoint, keys: {p256dh, auth}}. */
    void subscribe(Context ctx) {
        if (unavailable(ctx)) return;
        try {
            JsonNode s = Json.tree(ctx.body());
            JsonNode keys = s.path("keys");
            push.get().subscribe(s.path("endpoint").asText(null), keys.path("p256dh").asText(null),
                    keys.path("auth").asText(null), Optional.ofNullable(ctx.header("User-Agent")));
            json(ctx, 200, Map.of("subscribed", true, "browsers", push.get().count()));
        } catch (IllegalStateException | IllegalArgumentException e) {
            json(ctx, 400, Map.of("error", "not a push subscription: " + e.getMessage()));
        }
    }

    /** Answers 503 when there are no keys, or they cannot be read (the first of these routes reads them). */
    private boolean unavailable(Context ctx) {
        if (push.isEmpty()) {
            json(ctx, 503, Map.of("error", "this Kairos has no Web Push keys yet; run './kairos init', then restart"));
            return true;
        }
        Optional<String> problem = push.get().keysProblem();
        problem.ifPresent(p -> json(ctx, 503, Map.of("error", p)));
        return problem.isPresent();
    }

    private static void json(Context ctx, int status, Map<String, Object> body) {
        ctx.status(status).contentType("application/json").result(Json.write(body));
    }

    private static String resource(String name) {
        try (InputStream in = PushPage.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing from the jar: " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
