package dev.kairos.notify;

import com.interaso.webpush.WebPush;
import dev.kairos.effect.Outcome;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Web Push to every subscribed browser (RFC 8030): the payload encrypted to each ({@link Aes128Gcm}), signed for
 * with VAPID (RFC 8292; the library makes the headers). One device reached is delivered, so a retry never shows it
 * twice; a 404 or 410 means the browser unsubscribed: its subscription is removed. The VAPID keys are read at the
 * first push: a damaged file refuses it in one line, and nothing is pushed unsigned.
 */
final class WebPushNotifier implements Notifier {
    private static final Logger log = LoggerFactory.getLogger(WebPushNotifier.class);
    /** How long a push service keeps a message for a browser that is offline: about an approval's lifetime. */
    static final int TTL_SECONDS = 24 * 60 * 60;
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final PushSubscriptions subscriptions;
    private final PushKeys keys;
    private final String subject;
    private WebPush vapid; // guarded by this: made with the keys at the first push
    private final Supplier<HttpClient> http;
    private final InstantSource clock;
    private final SecureRandom random;

    WebPushNotifier(PushSubscriptions subscriptions, PushKeys keys, String subject, Supplier<HttpClient> http,
            InstantSource clock, SecureRandom random) {
        this.subscriptions = subscriptions;
        this.keys = keys;
        this.subject = subject;
        this.http = http;
        this.clock = clock;
        this.random = random;
    }

    @Override
    public String name() {
        return "webpush";
    }

    @Override
    public Outcome send(Notification n) {
        byte[] payload;
        try {
            payload = PushPayload.of(n);
        } catch (IllegalArgumentException e) {
            return new Outcome.Refused(e.getMessage());
        }
        List<PushSubscriptions.Subscription> all = subscriptions.all();
        if (all.isEmpty()) {
            return new Outcome.Refused("no browser is subscribed to Web Push; while './kairos up' runs, open "
                    + "http://127.0.0.1:7411/push (or your http.port) and allow notifications");
        }
        WebPush signer;
        try {
            signer = vapid();
        } catch (IllegalStateException e) {
            return new Outcome.Refused(e.getMessage()); // the same file fails alike until the user replaces it
        }
        List<String> delivered = new ArrayList<>();
        List<Outcome> failures = new ArrayList<>();
        for (PushSubscriptions.Subscription s : all) {
            Outcome o = sendTo(signer, s, payload, n.priority());
            if (o instanceof Outcome.Delivered d) {
                delivered.add(d.receipt());
            } else {
                failures.add(o);
            }
        }
        if (!delivered.isEmpty()) {
            failures.forEach(f -> log.warn("webpush: one browser was not reached: {}", f));
            return new Outcome.Delivered(delivered.size() + " of " + all.size() + " browser(s): "
                    + String.join(", ", delivered));
        }
        Optional<Outcome> retry = failures.stream().filter(f -> f instanceof Outcome.Retry).findFirst();
        if (retry.isPresent()) return retry.get();
        return new Outcome.Refused(String.join("; ", failures.stream().map(f -> ((Outcome.Refused) f).reason()).toList()));
    }

    private synchronized WebPush vapid() {
        if (vapid == null) vapid = new WebPush(subject, keys.keys());
        return vapid;
    }

    private Outcome sendTo(WebPush signer, PushSubscriptions.Subscription s, byte[] payload,
            Notification.Priority priority) {
        String endpoint = s.endpoint().toString();
        String service = "the push service at " + s.endpoint().getScheme() + "://" + s.endpoint().getRawAuthority();
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        byte[] body = Aes128Gcm.encrypt(payload, s.p256dh(), s.auth(), salt, oneTimeKeys());
        String token = VapidToken.sign(signer.getAudience(endpoint), signer.getSubject(), clock.instant(),
                signer.getVapidKeys().getPrivateKey());
        HttpRequest.Builder request = HttpRequest.newBuilder(s.endpoint()).timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        signer.getHeadersWithToken(token, TTL_SECONDS, null, urgency(priority)).forEach(request::header);
        try {
            HttpResponse<String> r = http.get().send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (HttpOutcome.success(r.statusCode())) {
                return new Outcome.Delivered(r.headers().firstValue("Location").orElse("HTTP " + r.statusCode()));
            }
            if (r.statusCode() == 404 || r.statusCode() == 410) {
                subscriptions.remove(s.endpoint());
                log.info("webpush: a browser unsubscribed (HTTP {}); its subscription is removed", r.statusCode());
                return new Outcome.Refused(service + " answered HTTP " + r.statusCode()
                        + ": the browser unsubscribed, so its subscription was removed");
            }
            return HttpOutcome.failure(service, r.statusCode(), r.headers(), r.body(), clock.instant());
        } catch (IOException e) {
            return HttpOutcome.unreachable(service, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.Retry.because(service + ": interrupted");
        }
    }

    private KeyPair oneTimeKeys() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), random);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK cannot make P-256 keys: " + e.getMessage(), e);
        }
    }

    static WebPush.Urgency urgency(Notification.Priority p) {
        return switch (p) {
            case URGENT -> WebPush.Urgency.High;
            case NORMAL -> WebPush.Urgency.Normal;
            case LOW -> WebPush.Urgency.Low;
        };
    }
}
