package dev.kairos.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kairos.testkit.Await;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The web chat in a real browser (headless Chromium): a message typed at /chat gets the model's reply streamed
 * into the page in pieces, shown as text even where it looks like HTML, with its cost under it; after a reload the
 * conversation is there again.
 */
@Tag("browser")
class WebChatInChromiumTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Markup a careless page would run: it must arrive as these very characters. */
    private static final String REPLY = "Good morning! <img src=x onerror=\"document.title='pwned'\"> <b>not bold</b>";

    /** Selenium warns that it has no DevTools bindings for this Chromium; nothing here uses them. */
    private static final java.util.logging.Logger CDP = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    @TempDir Path tmp;
    private final SettableClock clock = SettableClock.at("2026-11-25T08:00:00Z");

    @Test
    void aTypedMessageGetsTheStreamedReplyAndTheConversationSurvivesAReload() {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER), "needs Debian's chromium and "
                + "chromium-driver at " + CHROMIUM + " and " + DRIVER + " (apt-get install -y chromium chromium-driver)");
        try (FakeModelServer model = FakeModelServer.start();
                ChatServer server = ChatServer.start(tmp.resolve("home"), model, clock, Map.of())) {
            model.enqueue(Reply.text(REPLY));
            ChromeDriver browser = chromium();
            try {
                browser.get(server.base() + "/chat");
                awaitLoaded(browser);
                assertThat(messages(browser)).isEmpty();

                browser.findElement(By.id("message")).sendKeys("good morning", Keys.ENTER);
                Await.until(DEADLINE, "the answer in the page", () ->
                        !browser.findElements(By.cssSelector(".msg.assistant[data-state='done']")).isEmpty());
                WebElement answer = browser.findElement(By.cssSelector(".msg.assistant"));
                assertThat(answer.findElement(By.className("text")).getText()).isEqualTo(REPLY);
                assertThat(Integer.parseInt(answer.getDomAttribute("data-deltas")))
                        .as("the reply arrived in pieces, as the model streamed it").isGreaterThan(4);
                assertThat(answer.findElement(By.className("cost")).getText())
                        .matches("1 model call, \\d+ in / \\d+ out tokens, \\$0\\.\\d{4}");
                assertThat(browser.findElements(By.cssSelector("#history img, #history b")))
                        .as("the model's text is never HTML").isEmpty();
                assertThat(browser.getTitle()).isEqualTo("Kairos chat");
                assertThat(model.requestCount()).isEqualTo(1);
                assertThat(model.lastRequest().streamed()).isTrue();

                browser.navigate().refresh();
                awaitLoaded(browser);
                List<WebElement> shown = messages(browser);
                assertThat(shown).hasSize(2);
                assertThat(shown.get(0).getDomAttribute("class")).contains("user");
                assertThat(shown.get(0).findElement(By.className("text")).getText()).isEqualTo("good morning");
                assertThat(shown.get(1).findElement(By.className("text")).getText()).isEqualTo(REPLY);
                assertThat(shown.get(1).findElement(By.className("cost")).getText()).startsWith("1 model call, ");
                assertThat(browser.findElements(By.cssSelector("#history img, #history b"))).isEmpty();
            } finally {
                browser.quit();
            }
        }
    }

    /** Debian's Chromium and its driver, named explicitly so Selenium Manager never looks for them online. */
    private static ChromeDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private static java.util.logging.Logger quiet(String name) {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
        logger.setLevel(java.util.logging.Level.OFF);
        return logger;
    }

    private static void awaitLoaded(ChromeDriver browser) {
        Await.until(DEADLINE, "the conversation to load", () ->
                "true".equals(browser.findElement(By.id("history")).getDomAttribute("data-loaded")));
    }

    private static List<WebElement> messages(ChromeDriver browser) {
        return browser.findElements(By.cssSelector("#history .msg"));
    }
}
