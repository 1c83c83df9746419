package dev.kairos.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * What the service worker at {@code /push/sw.js} reads from a push: {@code {title, body, priority, tags, click,
 * actions: [{label, url, method}]}}, within one encrypted record (the body is cut to fit).
 */
final class PushPayload {
    private PushPayload() {}

    static byte[] of(Notification n) {
        String body = n.message();
        while (true) {
            byte[] json = Json.write(json(n, body)).getBytes(StandardCharsets.UTF_8);
            int over = json.length - Aes128Gcm.MAX_PLAINTEXT;
            if (over <= 0) return json;
            if (body.isEmpty()) throw new IllegalArgumentException("a notification's title and links exceed one push");
            // shorter by at least the excess each time (JSON escapes may make the body longer than its UTF-8)
            body = Utf8Limit.cut(body, Math.max(0, Utf8Limit.bytes(body) - over - 8));
        }
    }

    private static ObjectNode json(Notification n, String body) {
        ObjectNode o = Json.object();
        o.put("title", n.title());
        o.put("body", body);
        o.put("priority", n.priority().name().toLowerCase(Locale.ROOT));
        ArrayNode tags = o.putArray("tags");
        n.tags().forEach(tags::add);
        o.put("click", n.click().map(Object::toString).orElse(null));
        ArrayNode actions = o.putArray("actions");
        for (Notification.Action a : n.actions()) {
            actions.addObject().put("label", a.label()).put("url", a.url().toString()).put("method", a.method());
        }
        return o;
    }
}
