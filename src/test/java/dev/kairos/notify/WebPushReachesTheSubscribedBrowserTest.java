package dev.kairos.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.config.NotifySettings;
import dev.kairos.effect.Dispatch;
import dev.kairos.effect.Effect;
import dev.kairos.effect.Outbox;
import dev.kairos.json.Json;
import dev.kairos.store.Store;
import dev.kairos.testkit.LoopbackHttp;
import dev.kairos.testkit.SettableClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notify.webpush effect reaches a subscribed browser's push service (a loopback server here) as RFC 8030 says:
 * encrypted aes128gcm to the browser's key, with a VAPID JWT (RFC 8292) that verifies with this Kairos's public key;
 * a 410 removes the subscription.
 */
class WebPushReachesTheSubscribedBrowserTest {
    @TempDir Path home;
    private final LoopbackHttp pushService = LoopbackHttp.start();
    private final SettableClock clock = SettableClock.at("2026-11-26T08:00:00Z");
    private Outbox outbox;
    private Notifiers notifiers;
    private Dispatch dispatch;
    private KeyPair browser;
    private final byte[] auth = new byte[16];

    @BeforeEach
    void subscribe() throws Exception {
        PushKeys.ensure(home.resolve("keys"));
        Jdbi jdbi = Store.open(home.resolve("state.db")).jdbi();
        outbox = new Outbox(jdbi, clock);
        notifiers = Notifiers.configured(new NotifySettings(Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), "mailto:ops@example.com"), home.resolve("keys"), jdbi, clock);
        dispatch = new Dispatch(outbox, notifiers.couriers(), clock);
        assertThat(notifiers.names()).isEmpty(); // Web Push counts once a browser subscribed

        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        browser = g.generateKeyPair();
        new java.security.SecureRandom().nextBytes(auth);
        notifiers.push().orElseThrow().subscribe(pushService.url("/wpush/v2/gAAAAABk").toString(),
                b64(Aes128Gcm.uncompressed((ECPublicKey) browser.getPublic())), b64(auth), Optional.of("Firefox"));
        assertThat(notifiers.names()).containsExactly("webpush");
    }

    @AfterEach
    void stop() {
        pushService.close();
    }

    private void record(Notification n) {
        outbox.record(Effect.Draft.of(Notifiers.kind("webpush"), "notify:approval:7", Json.write(n)));
    }

    @Test
    void theBrowsersPushServiceGetsAnEncryptedPayloadSignedWithVapid() throws Exception {
        pushService.answer(r -> new LoopbackHttp.Answer(201, Map.of("Location", pushService.url("/m/1").toString()), ""));
        record(new Notification("Run `make deploy`?", "The agent asks to run a command.", Notification.Priority.URGENT,
                List.of(new Notification.Action("Approve", URI.create("https://k.example/approvals/7/approve?sig=a"), "POST"),
                        new Notification.Action("Deny", URI.create("https://k.example/approvals/7/deny?sig=d"), "POST")),
                Optional.of(URI.create("https://k.example/approvals/7")), List.of()));

        assertThat(dispatch.deliverDue().delivered()).isEqualTo(1);

        LoopbackHttp.Received r = pushService.received().getFirst();
        assertThat(r.method()).isEqualTo("POST");
        assertThat(r.path()).isEqualTo("/wpush/v2/gAAAAABk");
        assertThat(r.header("Content-Encoding")).isEqualTo("aes128gcm");
        assertThat(r.header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(r.header("TTL")).isEqualTo("86400");
        assertThat(r.header("Urgency")).isEqualTo("high");

        // RFC 8292 section 3: Authorization: vapid t=<JWT>, k=<public key>
        String authorization = r.header("Authorization");
        assertThat(authorization).matches("vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=[\\w-]+");
        String jwt = authorization.replaceFirst("vapid t=([^,]+), k=.*", "$1");
        String k = authorization.replaceFirst(".*, k=", "");
        assertThat(k).isEqualTo(notifiers.push().orElseThrow().applicationServerKey());
        String[] parts = jwt.split("\\.");
        assertThat(Json.tree(text(parts[0]))).isEqualTo(Json.tree("{\"typ\":\"JWT\",\"alg\":\"ES256\"}"));
        JsonNode claims = Json.tree(text(parts[1]));
        assertThat(claims.get("aud").asText()).isEqualTo("http://127.0.0.1:" + pushService.url("/").getPort());
        assertThat(claims.get("sub").asText()).isEqualTo("mailto:ops@example.com");
        assertThat(claims.get("exp").asLong()).isEqualTo(clock.instant().plus(Duration.ofHours(12)).getEpochSecond());
        byte[] signed = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        assertThat(verifies(Rfc8291Decryption.publicKey(Base64.getUrlDecoder().decode(k)), signed, parts[2])).isTrue();
        assertThat(verifies(publicKeyFromTheKeysFile(), signed, parts[2])).isTrue();
        assertThat(verifies(publicKeyFromTheKeysFile(), "tampered".getBytes(StandardCharsets.US_ASCII), parts[2])).isFalse();

        byte[] plain = Rfc8291Decryption.decrypt(r.body(), ((ECPrivateKey) browser.getPrivate()).getS().toByteArray(),
                Aes128Gcm.uncompressed((ECPublicKey) browser.getPublic()), auth);
        JsonNode payload = Json.tree(new String(plain, StandardCharsets.UTF_8));
        assertThat(payload.get("title").asText()).isEqualTo("Run `make deploy`?");
        assertThat(payload.get("body").asText()).isEqualTo("The agent asks to run a command.");
        assertThat(payload.get("priority").asText()).isEqualTo("urgent");
        assertThat(payload.get("click").asText()).isEqualTo("https://k.example/approvals/7");
        assertThat(payload.get("actions")).hasSize(2);
        assertThat(payload.get("actions").get(0)).isEqualTo(Json.tree(
                "{\"label\":\"Approve\",\"url\":\"https://k.example/approvals/7/approve?sig=a\",\"method\":\"POST\"}"));

        Effect e = outbox.find("notify:approval:7").orElseThrow();
        assertThat(e.state()).isEqualTo(Effect.State.DELIVERED);
        assertThat(e.receipt().orElseThrow()).contains(pushService.url("/m/1").toString());
    }

    @Test
    void aGoneSubscriptionIsRemovedAndTheNotificationRefused() {
        pushService.answer(r -> LoopbackHttp.Answer.of(410, "subscription expired"));
        record(Notification.of("Hello", "world", Notification.Priority.LOW));

        assertThat(dispatch.deliverDue().failed()).isEqualTo(1);

        assertThat(pushService.received().getFirst().header("Urgency")).isEqualTo("low");
        assertThat(notifiers.push().orElseThrow().count()).isZero();
        assertThat(notifiers.names()).isEmpty();
        assertThat(outbox.find("notify:approval:7").orElseThrow().lastError().orElseThrow())
                .contains("410").contains("removed");
    }

    @Test
    void aPushServiceThatIsDownIsTriedAgain() {
        pushService.answer(r -> LoopbackHttp.Answer.of(503, "try later"));
        record(Notification.of("Hello", "world", Notification.Priority.NORMAL));
        assertThat(dispatch.deliverDue().retrying()).isEqualTo(1);
        assertThat(notifiers.push().orElseThrow().count()).isEqualTo(1);
        pushService.answer(r -> LoopbackHttp.Answer.of(201, ""));
        clock.advance(Duration.ofSeconds(30)); // the outbox's first backoff
        assertThat(dispatch.deliverDue().delivered()).isEqualTo(1);
    }

    @Test
    void aMessageTooLongForOneRecordIsCutToFit() throws Exception {
        pushService.answer(r -> LoopbackHttp.Answer.of(201, ""));
        record(Notification.of("Long", "\"quoted\" ".repeat(1000), Notification.Priority.NORMAL));
        assertThat(dispatch.deliverDue().delivered()).isEqualTo(1);
        byte[] plain = Rfc8291Decryption.decrypt(pushService.received().getFirst().body(),
                ((ECPrivateKey) browser.getPrivate()).getS().toByteArray(),
                Aes128Gcm.uncompressed((ECPublicKey) browser.getPublic()), auth);
        assertThat(plain.length).isLessThanOrEqualTo(Aes128Gcm.MAX_PLAINTEXT);
        assertThat(Json.tree(new String(plain, StandardCharsets.UTF_8)).get("body").asText()).endsWith("…");
    }

    private PublicKey publicKeyFromTheKeysFile() throws Exception {
        String x509 = Files.readAllLines(home.resolve("keys").resolve(PushKeys.FILE)).getFirst();
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getUrlDecoder().decode(x509)));
    }

    private static boolean verifies(PublicKey key, byte[] signed, String signature) throws Exception {
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format"); // JWS ES256: r|s, 64 bytes
        es256.initVerify(key);
        es256.update(signed);
        return es256.verify(Base64.getUrlDecoder().decode(signature));
    }

    private static String text(String b64url) {
        return new String(Base64.getUrlDecoder().decode(b64url), StandardCharsets.UTF_8);
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
