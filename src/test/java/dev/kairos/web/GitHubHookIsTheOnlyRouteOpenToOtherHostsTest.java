package dev.kairos.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.config.GitHubSettings;
import dev.kairos.event.Inbox;
import dev.kairos.github.GitHubWebhooks;
import dev.kairos.github.Normaliser;
import dev.kairos.store.Store;
import dev.kairos.testkit.RawHttp;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub reaches POST /hooks/github through a tunnel, with the tunnel's Host: that route alone is open to it, and
 * only with a valid signature; every other route still answers this machine only. Bodies up to 25 MB reach the
 * intake's checks (Javalin's own limit is not in the way); larger ones are refused by their Content-Length, unread.
 */
class GitHubHookIsTheOnlyRouteOpenToOtherHostsTest {
    private static final String SECRET = "tunnel test secret";
    private static final String TUNNEL = "quiet-river-1234.trycloudflare.com";
    private static final Path CHECK = Path.of("../shared/data/github-webhooks/payload-examples/check_run/completed.payload.json");

    @TempDir Path dir;
    private WebServer web;
    private Inbox inbox;
    private final AtomicInteger wakes = new AtomicInteger();

    @BeforeEach
    void start() {
        Store store = Store.open(dir.resolve("state.db"));
        inbox = new Inbox(store.jdbi());
        Normaliser normaliser = new Normaliser(() -> List.of(new GitHubSettings.Repo("Codertocat/Hello-World",
                Optional.empty())), List.of(), InstantSource.system());
        GitHubWebhooks hooks = new GitHubWebhooks(Optional.of(SECRET), normaliser, store.jdbi(),
                InstantSource.system());
        web = WebServer.start(0, new WebServer.Parts(() -> null, () -> Map.of("idle", true),
                new WebServer.Chat(Optional::empty, store.jdbi(), new dev.kairos.ledger.Ledger(store.jdbi()),
                        Optional.empty()), Optional.empty()).withGitHub(new GitHubHook(hooks, wakes::incrementAndGet)));
    }

    @AfterEach
    void stop() {
        web.close();
    }

    private RawHttp.Response deliver(byte[] body, String signature, String delivery) throws Exception {
        return RawHttp.post(web.port(), "/hooks/github", Map.of("Host", TUNNEL, "X-GitHub-Event", "check_run",
                "X-GitHub-Delivery", delivery, "X-Hub-Signature-256", signature, "Content-Type", "application/json",
                "User-Agent", "GitHub-Hookshot/abc"), body);
    }

    @Test
    void aSignedDeliveryThroughATunnelIsTakenAndWakesTheHeartbeat() throws Exception {
        byte[] body = Files.readAllBytes(CHECK);

        RawHttp.Response taken = deliver(body, GitHubWebhooks.signature(SECRET, body), "a-1");
        RawHttp.Response forged = deliver(body, GitHubWebhooks.signature("guess", body), "a-2");

        assertThat(taken.status()).as(taken.body()).isEqualTo(202);
        assertThat(taken.body()).startsWith("stored as event 1 (github.check_run)");
        assertThat(forged.status()).isEqualTo(401);
        assertThat(inbox.pendingCount()).isEqualTo(1);
        assertThat(wakes).hasValue(1);
    }

    @Test
    void everyOtherRouteStillRefusesAnotherHostOrOrigin() throws Exception {
        Map<String, String> tunnel = Map.of("Host", TUNNEL);
        Map<String, String> foreignPage = Map.of("Origin", "https://evil.example");

        assertThat(RawHttp.send(web.port(), "GET", "/api/status", tunnel, new byte[0]).status()).isEqualTo(403);
        assertThat(RawHttp.send(web.port(), "POST", "/api/tick", tunnel, new byte[0]).status()).isEqualTo(403);
        assertThat(RawHttp.send(web.port(), "POST", "/api/tick", foreignPage, new byte[0]).status()).isEqualTo(403);
        assertThat(RawHttp.send(web.port(), "GET", "/hooks/github", tunnel, new byte[0]).status()).isEqualTo(403);
        assertThat(RawHttp.send(web.port(), "POST", "/api/tick", Map.of(), new byte[0]).status()).isEqualTo(200);
    }

    @Test
    void twentyFiveMegabytesReachTheChecksAndMoreIsRefusedUnread() throws Exception {
        byte[] limit = new byte[GitHubWebhooks.MAX_BODY];
        java.util.Arrays.fill(limit, (byte) 'x');

        RawHttp.Response atLimit = deliver(limit, GitHubWebhooks.signature(SECRET, limit), "b-1");
        RawHttp.Response declaredOver = RawHttp.post(web.port(), "/hooks/github", Map.of("Host", TUNNEL,
                "X-GitHub-Event", "push", "X-GitHub-Delivery", "b-2", "X-Hub-Signature-256", "sha256=00",
                "Content-Length", Integer.toString(GitHubWebhooks.MAX_BODY + 1)), "{}".getBytes(StandardCharsets.UTF_8));

        assertThat(atLimit.status()).as(atLimit.body()).isEqualTo(400); // signed, read whole, then not JSON
        assertThat(atLimit.body()).contains("not a JSON object");
        assertThat(declaredOver.status()).isEqualTo(413);
        assertThat(inbox.pendingCount()).isZero();
    }
}
