package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.kairos.config.ConfigReader;
import dev.kairos.testkit.Await;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mail can arrive after the mailbox was looked at and before the IDLE began: a server may then announce it as the
 * IDLE starts (GreenMail does, before its "+ idling"), and the wait must end then, not at the IDLE's renewal 25
 * minutes later.
 */
class MailArrivingAsTheIdleBeginsEndsTheWaitTest {
    @RegisterExtension final GreenMailExtension mail = MailHome.server();
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void aMailBetweenTheLookAndTheIdleEndsTheWait() throws Exception {
        MailHome m = MailHome.at(home, null, mail, clock, "");
        Mailbox mailbox = new Mailbox(ConfigReader.read(home, m.env()).channels().email().orElseThrow(),
                home.resolve("attachments"));
        Mailbox.Cursor seen = mailbox.read(Optional.empty()).cursor();
        AtomicBoolean sent = new AtomicBoolean();
        // the callback runs on the waiting thread, after the folder was looked at and just before IDLE is sent
        CompletableFuture<Boolean> waited = CompletableFuture.supplyAsync(() -> {
            try {
                return mailbox.waitForMail(seen, f -> {
                    if (f != null && sent.compareAndSet(false, true)) {
                        m.mailAgent(MailHome.USER, "<race1@example.com>", "Now?", "Arrived in the gap.");
                    }
                });
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        });
        Await.until(Duration.ofSeconds(20), "the wait to end on the mail", waited::isDone);
        assertThat(sent).isTrue();
        assertThat(waited.get()).as("IDLE was used").isTrue();
        assertThat(mailbox.read(Optional.of(seen)).mails()).singleElement()
                .satisfies(mail -> assertThat(mail.messageId()).isEqualTo("<race1@example.com>"));
    }
}
