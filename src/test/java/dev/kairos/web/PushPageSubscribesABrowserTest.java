package dev.kairos.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.config.NotifySettings;
import dev.kairos.json.Json;
import dev.kairos.notify.Notifiers;
import dev.kairos.notify.PushKeys;
import dev.kairos.notify.PushSubscriptions;
import dev.kairos.store.Store;
import dev.kairos.testkit.SettableClock;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /push serves the page and its service worker from the jar; POST /push/subscribe stores what the browser's
 * pushManager gave, refuses what is not a subscription, and answers only to this machine.
 */
class PushPageSubscribesABrowserTest {
    @TempDir Path home;
    private final HttpClient http = HttpClient.newHttpClient();
    private PushSubscriptions push;
    private WebServer server;

    @BeforeEach
    void start() {
        PushKeys.ensure(home.resolve("keys"));
        Store store = Store.open(home.resolve("state.db"));
        Notifiers notifiers = Notifiers.configured(new NotifySettings(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), "mailto:kairos@localhost"), home.resolve("keys"),
                store.jdbi(), SettableClock.at("2026-11-26T09:00:00Z"));
        push = notifiers.push().orElseThrow();
        server = WebServer.start(0, new WebServer.Parts(() -> {
            throw new AssertionError("not asked");
        }, () -> "", new WebServer.Chat(Optional::empty, store.jdbi(), new dev.kairos.ledger.Ledger(store.jdbi()),
                Optional.empty()), notifiers.push()));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(url(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body, String origin) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(url(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (origin != null) b.header("Origin", origin);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.port() + path);
    }

    @Test
    void thePageAndItsServiceWorkerAreServedWithoutACdn() throws Exception {
        HttpResponse<String> page = get("/push");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("serviceWorker.register('/push/sw.js'").contains("pushManager.subscribe")
                .contains("/push/subscribe").doesNotContain("<script src=").doesNotContain("https://");

        HttpResponse<String> worker = get("/push/sw.js");
        assertThat(worker.statusCode()).isEqualTo(200);
        assertThat(worker.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/javascript");
        assertThat(worker.body()).contains("addEventListener('push'").contains("showNotification")
                .contains("addEventListener('notificationclick'").contains("fetch(action.url");

        assertThat(Json.tree(get("/push/key").body()).get("applicationServerKey").asText())
                .isEqualTo(push.applicationServerKey());
    }

    @Test
    void aBrowsersSubscriptionIsStoredAndGarbageIsRefused() throws Exception {
        HttpResponse<String> ok = post("/push/subscribe", subscription("https://updates.push.services.mozilla.com/wpush/v2/gAAA"),
                "http://127.0.0.1:" + server.port());
        assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
        assertThat(push.count()).isEqualTo(1);

        HttpResponse<String> badKey = post("/push/subscribe", """
                {"endpoint":"https://fcm.googleapis.com/fcm/send/x","keys":{"p256dh":"AAAA","auth":"BTBZMqHH6r4Tts7J_aSIgg"}}""",
                null);
        assertThat(badKey.statusCode()).isEqualTo(400);
        assertThat(badKey.body()).contains("P-256");
        HttpResponse<String> plainHttp = post("/push/subscribe", subscription("http://push.example/x"), null);
        assertThat(plainHttp.statusCode()).isEqualTo(400);
        assertThat(post("/push/subscribe", "not json", null).statusCode()).isEqualTo(400);
        assertThat(push.count()).isEqualTo(1);
    }

    @Test
    void aPageOfAnotherOriginCannotSubscribe() throws Exception {
        HttpResponse<String> r = post("/push/subscribe", subscription("https://fcm.googleapis.com/fcm/send/evil"),
                "https://evil.example");
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(push.count()).isZero();
    }

    @Test
    void damagedKeysAreReadWhenABrowserAsksAndNoSubscriptionIsTaken() throws Exception {
        Path keys = home.resolve("keys").resolve("webpush-vapid.txt");
        Files.writeString(keys, "damaged\n"); // after the server started: the keys are read when a browser asks

        HttpResponse<String> key = get("/push/key");
        HttpResponse<String> r = post("/push/subscribe", subscription("https://updates.push.services.mozilla.com/w/1"),
                null);

        assertThat(key.statusCode()).isEqualTo(503);
        assertThat(Json.tree(key.body()).get("error").asText()).startsWith("the Web Push keys in " + keys
                + " cannot be read (").endsWith("run './kairos init' to make new ones (browsers then subscribe again "
                + "at /push)");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(push.count()).isZero();
    }

    private static String subscription(String endpoint) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey key = (ECPublicKey) g.generateKeyPair().getPublic();
        byte[] point = new byte[65];
        point[0] = 4;
        fixed(key.getW().getAffineX(), point, 1);
        fixed(key.getW().getAffineY(), point, 33);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return Json.write(java.util.Map.of("endpoint", endpoint, "expirationTime", "null",
                "keys", java.util.Map.of("p256dh", b64.encodeToString(point), "auth", b64.encodeToString(new byte[16]))));
    }

    private static void fixed(BigInteger n, byte[] out, int at) {
        byte[] b = n.toByteArray();
        int len = Math.min(b.length, 32);
        System.arraycopy(b, b.length - len, out, at + 32 - len, len);
    }
}
