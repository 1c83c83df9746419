package dev.kairos.github;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.kairos.event.Event;
import dev.kairos.event.Printable;
import dev.kairos.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.time.InstantSource;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes GitHub's webhook deliveries, independent of HTTP: the size, then the signature of the raw body, are
 * checked before anything is parsed; a delivery seen before (by its X-GitHub-Delivery id) or a change already in the
 * inbox is answered without a second event. The event and the delivery's id are stored in one transaction. Nothing refused reaches the inbox, and each refusal is one log line
 * (delivery id, event, reason; never the secret or the body).
 */
public final class GitHubWebhooks implements AutoCloseable {
    /** GitHub caps a delivery at 25 MB; anything larger is not GitHub's. */
    public static final int MAX_BODY = 25 * 1024 * 1024;
    private static final Logger log = LoggerFactory.getLogger(GitHubWebhooks.class);
    private static final Pattern EVENT = Pattern.compile("[a-z0-9_]{1,64}");
    private static final Pattern DELIVERY = Pattern.compile("[A-Za-z0-9-]{1,100}");
    /** One JSON object and nothing after it: a body with trailing bytes is not GitHub's. */
    private static final ObjectReader STRICT = Json.MAPPER.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** The delivery's headers, each null when absent. */
    public record Headers(String signature, String event, String delivery) {}

    /** The HTTP status and one line to answer with; {@code stored} is the event when a new one entered the inbox. */
    public record Answer(int status, String message, Optional<Event> stored) {
        static Answer of(int status, String message) {
            return new Answer(status, message, Optional.empty());
        }
    }

    private final Optional<Signature> signature;
    private final Normaliser normaliser;
    private final Deliveries deliveries;
    private final InstantSource clock;

    /** @param secret GITHUB_WEBHOOK_SECRET; without it every delivery is refused */
    public GitHubWebhooks(Optional<String> secret, Normaliser normaliser, Jdbi jdbi, InstantSource clock) {
        this.signature = secret.filter(s -> !s.isEmpty()).map(Signature::new);
        this.normaliser = normaliser;
        this.deliveries = new Deliveries(jdbi);
        this.clock = clock;
    }

    /** The X-Hub-Signature-256 value GitHub sends for {@code body} under {@code secret}. */
    public static String signature(String secret, byte[] body) {
        return new Signature(secret).sign(body);
    }

    /**
     * A delivery read from a stream: refused with 413 before reading when {@code declaredLength} (-1: unknown) is
     * over {@link #MAX_BODY}, and while reading when the body turns out to be.
     */
    public Answer receive(Headers h, long declaredLength, InputStream body) throws IOException {
        if (signature.isEmpty()) return noSecret(h);
        if (declaredLength > MAX_BODY) return tooLarge(h, declaredLength);
        byte[] bytes = body.readNBytes(MAX_BODY + 1);
        return receive(h, bytes);
    }

    public Answer receive(Headers h, byte[] body) {
        if (signature.isEmpty()) return noSecret(h);
        if (body.length > MAX_BODY) return tooLarge(h, body.length);
        if (h.signature() == null) {
            return refuse(h, 401, "no X-Hub-Signature-256 header: give the GitHub webhook a secret, the same as "
                    + "GITHUB_WEBHOOK_SECRET");
        }
        if (!signature.get().verifies(body, h.signature())) {
            return refuse(h, 401, "X-Hub-Signature-256 does not match the body: the webhook's secret is not "
                    + "GITHUB_WEBHOOK_SECRET, or the body was changed on the way");
        }
        if (h.event() == null || !EVENT.matcher(h.event()).matches()) {
            return refuse(h, 400, "no valid X-GitHub-Event header");
        }
        // only the kinds Kairos normalises are read into a tree; the others are only checked (less to allocate)
        JsonNode payload = Normaliser.kinds().contains(h.event()) ? tree(body) : oneObject(body) ? Json.object() : null;
        if (payload == null) {
            return refuse(h, 400, "the body is not a JSON object: set the webhook's content type to application/json");
        }
        if (h.event().equals("ping")) return Answer.of(200, "pong: the webhook reaches Kairos and its signature verifies");
        if (h.delivery() == null || !DELIVERY.matcher(h.delivery()).matches()) {
            return refuse(h, 400, "no valid X-GitHub-Delivery header");
        }
        if (deliveries.seen(h.delivery())) return Answer.of(200, "delivery " + h.delivery() + " was received before");
        Normaliser.Outcome n = normaliser.normalise(new Delivery(h.event(), payload));
        Optional<Event> stored = deliveries.take(h.delivery(), h.event(), n.event(), clock.instant());
        if (n.event().isEmpty()) {
            log.debug("github webhook ignored: delivery={} event={} reason={}", h.delivery(), h.event(),
                    n.ignoredBecause());
            return Answer.of(202, "ignored: " + n.ignoredBecause());
        }
        return stored.map(e -> new Answer(202, "stored as event " + e.id() + " (" + e.kind() + ")", stored))
                .orElseGet(() -> Answer.of(200, "this change is in the inbox already"));
    }

    /** Closes the connection deliveries go through. */
    @Override
    public void close() {
        deliveries.close();
    }

    /** The body as a tree when it is one JSON object, else null. */
    private static JsonNode tree(byte[] body) {
        try {
            JsonNode n = STRICT.readTree(body);
            return n != null && n.isObject() ? n : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether the body is one JSON object and nothing after it, read as tokens without building a tree. */
    private static boolean oneObject(byte[] body) {
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return false;
            p.skipChildren();
            return p.nextToken() == null;
        } catch (IOException e) {
            return false;
        }
    }

    private Answer noSecret(Headers h) {
        return refuse(h, 503, "GITHUB_WEBHOOK_SECRET is not set, so no delivery can be verified: set it to the "
                + "webhook's secret and restart Kairos");
    }

    private Answer tooLarge(Headers h, long length) {
        return refuse(h, 413, "the body (" + length + " bytes or more) is over the 25 MB GitHub sends at most");
    }

    private static Answer refuse(Headers h, int status, String reason) {
        log.warn("github webhook refused: status={} delivery={} event={} reason={}", status, shown(h.delivery()),
                shown(h.event()), reason);
        return Answer.of(status, reason);
    }

    /** A header as a log may show it: one short line. */
    private static String shown(String header) {
        if (header == null) return "(none)";
        String s = Printable.of(header).replaceAll("\\s+", " ");
        return s.length() <= 100 ? s : s.substring(0, 100) + "…";
    }
}
