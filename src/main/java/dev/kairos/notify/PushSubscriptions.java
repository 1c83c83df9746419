package dev.kairos.notify;

import java.net.URI;
import java.time.InstantSource;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The browsers subscribed to this Kairos's Web Push (RFC 8030), each with the keys its payloads are encrypted to;
 * the page at {@code GET /push} adds them, a 404 or 410 from their push service removes them.
 */
public final class PushSubscriptions {
    private static final Base64.Decoder B64 = Base64.getUrlDecoder();
    private static final Base64.Encoder B64URL = Base64.getUrlEncoder().withoutPadding();

    /** One browser: where its push service takes messages, and its keys (RFC 8291). */
    record Subscription(URI endpoint, byte[] p256dh, byte[] auth) {}

    private final Jdbi jdbi;
    private final InstantSource clock;
    private final PushKeys keys;

    PushSubscriptions(Jdbi jdbi, InstantSource clock, PushKeys keys) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.keys = keys;
    }

    /**
     * The VAPID public key, base64url: what a browser's {@code pushManager.subscribe} takes. Reads the keys if not yet:
     * IllegalStateException, in one line, when they cannot be read (see {@link #keysProblem()}).
     */
    public String applicationServerKey() {
        return B64URL.encodeToString(keys.keys().getApplicationServerKey());
    }

    /** Why browsers cannot subscribe now (the keys file is damaged), reading the keys if not yet; empty when they can. */
    public Optional<String> keysProblem() {
        try {
            keys.keys();
            return Optional.empty();
        } catch (IllegalStateException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Stores a browser's subscription, as its {@code PushSubscription.toJSON()} gives it; a known endpoint gets its new
     * keys. IllegalArgumentException, saying what is wrong, for anything that is not a usable subscription;
     * IllegalStateException when this Kairos's own keys cannot be read (no subscription to keys that cannot sign).
     */
    public void subscribe(String endpoint, String p256dh, String auth, Optional<String> userAgent) {
        keys.keys();
        URI url = endpoint(endpoint);
        byte[] key = decode("keys.p256dh", p256dh);
        Aes128Gcm.publicKey(key); // a point on P-256, or IllegalArgumentException
        byte[] secret = decode("keys.auth", auth);
        if (secret.length != 16) throw new IllegalArgumentException("keys.auth must be 16 bytes");
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO push_subscriptions (endpoint, p256dh, auth, user_agent, created_at)
                VALUES (:endpoint, :p256dh, :auth, :ua, :now)
                ON CONFLICT (endpoint) DO UPDATE SET p256dh = excluded.p256dh, auth = excluded.auth,
                    user_agent = excluded.user_agent""")
                .bind("endpoint", url.toString()).bind("p256dh", B64URL.encodeToString(key))
                .bind("auth", B64URL.encodeToString(secret))
                .bind("ua", userAgent.map(u -> u.length() > 300 ? u.substring(0, 300) : u).orElse(null))
                .bind("now", clock.instant().toEpochMilli()).execute());
    }

    public int count() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM push_subscriptions").mapTo(Integer.class).one());
    }

    List<Subscription> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT endpoint, p256dh, auth FROM push_subscriptions ORDER BY id")
                .map((rs, ctx) -> new Subscription(URI.create(rs.getString("endpoint")), B64.decode(rs.getString("p256dh")),
                        B64.decode(rs.getString("auth"))))
                .list());
    }

    void remove(URI endpoint) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM push_subscriptions WHERE endpoint = :e")
                .bind("e", endpoint.toString()).execute());
    }

    /** Push services are https; plain http only on this machine (a local push service, a test). */
    private static URI endpoint(String text) {
        URI u;
        try {
            u = URI.create(text == null ? "" : text.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("endpoint is not a URL");
        }
        boolean loopback = "127.0.0.1".equals(u.getHost()) || "localhost".equals(u.getHost()) || "[::1]".equals(u.getHost());
        if (u.getHost() == null || !("https".equals(u.getScheme()) || "http".equals(u.getScheme()) && loopback)) {
            throw new IllegalArgumentException("endpoint must be an https URL of a push service");
        }
        return u;
    }

    private static byte[] decode(String what, String text) {
        try {
            return B64.decode(text == null ? "" : text.strip().replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(what + " is not base64url");
        }
    }
}
