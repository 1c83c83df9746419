package dev.kairos.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kairos.config.NotifySettings;
import dev.kairos.store.Store;
import dev.kairos.testkit.Await;
import dev.kairos.testkit.SettableClock;
import dev.kairos.web.WebServer;
import java.io.File;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * In a real browser (headless Chromium), the service worker Kairos serves at /push/sw.js shows a pushed payload as a
 * notification with its buttons. The push is handed to the worker by Chromium's DevTools (no push service offline).
 */
@Tag("browser")
class ServiceWorkerShowsThePushWithItsButtonsTest {
    private static final File CHROMIUM = new File("/usr/bin/chromium");
    private static final File DRIVER = new File("/usr/bin/chromedriver");

    @TempDir Path home;

    @Test
    void aPushedApprovalIsShownWithApproveAndDenyButtons() throws Exception {
        assumeTrue(CHROMIUM.canExecute() && DRIVER.canExecute(), "needs chromium and chromedriver in /usr/bin");
        PushKeys.ensure(home.resolve("keys"));
        Store store = Store.open(home.resolve("state.db"));
        Notifiers notifiers = Notifiers.configured(new NotifySettings(Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), "mailto:kairos@localhost"), home.resolve("keys"),
                store.jdbi(), SettableClock.at("2026-11-26T09:00:00Z"));
        String payload = new String(PushPayload.of(new Notification("Run `make deploy`?", "The agent asks.",
                Notification.Priority.URGENT, List.of(
                        new Notification.Action("Approve", URI.create("https://k.example/approvals/7/approve?sig=a"), "POST"),
                        new Notification.Action("Deny", URI.create("https://k.example/approvals/7/deny?sig=d"), "POST")),
                Optional.empty(), List.of())), StandardCharsets.UTF_8);

        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM).addArguments("--headless=new", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--user-data-dir=" + home.resolve("chromium"));
        options.setExperimentalOption("prefs", Map.of("profile.default_content_setting_values.notifications", 1));
        try (WebServer server = WebServer.start(0, new WebServer.Parts(() -> null, () -> "",
                new WebServer.Chat(Optional::empty, store.jdbi(), new dev.kairos.ledger.Ledger(store.jdbi()),
                        Optional.empty()), notifiers.push()))) {
            ChromeDriver browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(DRIVER)
                    .build(), options);
            try {
                String origin = "http://127.0.0.1:" + server.port();
                browser.get(origin + "/push");
                assertThat(browser.executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        navigator.serviceWorker.register('/push/sw.js', {scope: '/push/'})
                          .then(() => navigator.serviceWorker.getRegistration('/push/'))
                          .then(function wait(r) { return r.active ? 'active' : new Promise(ok => setTimeout(ok, 50)).then(() => wait(r)); })
                          .then(done, e => done(String(e)));""")).isEqualTo("active");
                browser.executeCdpCommand("ServiceWorker.enable", Map.of());
                AtomicReference<Object> shown = new AtomicReference<>(List.of());
                Await.until(Duration.ofSeconds(20), "the notification shown", () -> {
                    for (int id = 0; id < 3; id++) { // a fresh profile's first registration; DevTools names it by number
                        browser.executeCdpCommand("ServiceWorker.deliverPushMessage",
                                Map.of("origin", origin, "registrationId", Integer.toString(id), "data", payload));
                    }
                    shown.set(browser.executeAsyncScript("""
                            const done = arguments[arguments.length - 1];
                            navigator.serviceWorker.getRegistration('/push/').then(r => r.getNotifications())
                              .then(ns => done(ns.map(n => ({title: n.title, body: n.body, sticky: n.requireInteraction,
                                  buttons: n.actions.map(a => a.title)}))));"""));
                    return !((List<?>) shown.get()).isEmpty();
                });
                Map<?, ?> n = (Map<?, ?>) ((List<?>) shown.get()).getFirst();
                assertThat(n.get("title")).isEqualTo("Run `make deploy`?");
                assertThat(n.get("body")).isEqualTo("The agent asks.");
                assertThat(n.get("sticky")).isEqualTo(true);
                assertThat(n.get("buttons")).isEqualTo(List.of("Approve", "Deny"));
            } finally {
                browser.quit();
            }
        }
    }
}
