package dev.kairos.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.config.NotifySettings;
import dev.kairos.effect.Dispatch;
import dev.kairos.effect.Effect;
import dev.kairos.effect.Outbox;
import dev.kairos.json.Json;
import dev.kairos.store.Store;
import dev.kairos.testkit.LoopbackHttp;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Building the notifiers reads no Web Push key: every command builds them, and parsing EC keys is a cost only a push
 * should pay. The keys are read at the first push, once; a damaged file then refuses that push in one line (never a
 * push without a valid VAPID key), while ntfy delivers as ever.
 */
class WebPushKeysAreReadAtTheFirstPushTest {
    @TempDir Path home;
    private final LoopbackHttp ntfy = LoopbackHttp.start();
    private final LoopbackHttp pushService = LoopbackHttp.start();
    private final SettableClock clock = SettableClock.at("2026-11-26T08:00:00Z");
    private Jdbi jdbi;
    private Outbox outbox;
    private Path keyFile;
    private String goodKeys;

    @BeforeEach
    void aBrowserSubscribedYesterday() throws Exception {
        PushKeys.ensure(home.resolve("keys"));
        keyFile = home.resolve("keys").resolve(PushKeys.FILE);
        goodKeys = Files.readString(keyFile);
        jdbi = Store.open(home.resolve("state.db")).jdbi();
        outbox = new Outbox(jdbi, clock);
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] browserKey = Aes128Gcm.uncompressed((ECPublicKey) g.generateKeyPair().getPublic());
        notifiers().push().orElseThrow().subscribe(pushService.url("/wpush/v2/a").toString(), b64(browserKey),
                b64(new byte[16]), Optional.of("Firefox"));
        ntfy.answer(r -> LoopbackHttp.Answer.of(200, "{\"id\":\"m1\",\"event\":\"message\"}"));
        pushService.answer(r -> new LoopbackHttp.Answer(201, java.util.Map.of(), ""));
    }

    @AfterEach
    void stop() {
        ntfy.close();
        pushService.close();
    }

    /** What a new command builds over the same home: its notifiers from kairos.yaml and keys/. */
    private Notifiers notifiers() {
        return Notifiers.configured(new NotifySettings(Optional.of(ntfy.url("/kairos")), Optional.empty(),
                Optional.empty(), Optional.empty(), "mailto:ops@example.com"), home.resolve("keys"), jdbi, clock);
    }

    private Effect deliver(Notifiers notifiers, String name, String key) {
        outbox.record(Effect.Draft.of(Notifiers.kind(name), key, Json.write(Notification.of("Build failed",
                "main is red", Notification.Priority.URGENT))));
        new Dispatch(outbox, notifiers.couriers(), clock).deliverDue();
        return outbox.find(key).orElseThrow();
    }

    @Test
    void aKeyFileDamagedAfterTheNotifiersWereBuiltRefusesTheFirstPushInOneLine() throws Exception {
        Notifiers notifiers = notifiers();
        Files.writeString(keyFile, "not\na key\n");

        assertThat(deliver(notifiers, "ntfy", "notify:1").state()).isEqualTo(Effect.State.DELIVERED);
        assertThat(ntfy.received()).hasSize(1);

        Effect push = deliver(notifiers, "webpush", "notify:2");
        assertThat(push.state()).isEqualTo(Effect.State.FAILED);
        assertThat(push.lastError().orElseThrow()).matches(Pattern.quote("the Web Push keys in " + keyFile
                + " cannot be read (") + "\\w+" + Pattern.quote("); move the file aside and run './kairos init' to "
                + "make new ones (browsers then subscribe again at /push)"));
        assertThat(pushService.received()).isEmpty();
        assertThat(notifiers.problems()).containsExactly(push.lastError().orElseThrow());
    }

    @Test
    void keysReadAtTheFirstPushAreKeptForTheNext() throws Exception {
        Files.writeString(keyFile, "not\na key\n");
        Notifiers notifiers = notifiers(); // a damaged file does not stop a command that pushes nothing
        Files.writeString(keyFile, goodKeys);

        assertThat(deliver(notifiers, "webpush", "notify:1").state()).isEqualTo(Effect.State.DELIVERED);
        Files.delete(keyFile);
        assertThat(deliver(notifiers, "webpush", "notify:2").state()).isEqualTo(Effect.State.DELIVERED);
        assertThat(pushService.received()).hasSize(2);
        assertThat(notifiers.push().orElseThrow().applicationServerKey()).isNotEmpty();
        assertThat(notifiers.problems()).isEmpty();
    }

    @Test
    void statusSaysAKeyFileIsDamagedBeforeAnyPush() throws Exception {
        assertThat(notifiers().problems()).isEmpty();
        List<String> lines = goodKeys.lines().toList();
        for (String damaged : List.of("garbage\n", "not\na key\n", lines.get(0) + "\n",
                lines.get(0) + "\n" + lines.get(1).substring(0, lines.get(1).length() - 8) + "\n",
                lines.get(1) + "\n" + lines.get(0) + "\n")) {
            Files.writeString(keyFile, damaged);
            assertThat(notifiers().problems()).as(damaged).singleElement().asString()
                    .startsWith("the Web Push keys in " + keyFile + " cannot be read (");
        }
        assertThat(pushService.received()).isEmpty();
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
