package dev.kairos.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.kairos.config.NotifySettings;
import dev.kairos.effect.Outcome;
import dev.kairos.testkit.SettableClock;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Email goes out over SMTP to a real server (GreenMail), as plain text with its links; a bad login is refused. */
class EmailGoesOutOverSmtpTest {
    @RegisterExtension
    static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("kairos@example.com", "kairos", "s3cret"));

    private final SettableClock clock = SettableClock.at("2026-11-26T08:00:00Z");

    private EmailNotifier notifier(int port, Optional<String> password) {
        return new EmailNotifier(new NotifySettings.Email(List.of("me@example.com"), "kairos@example.com", "127.0.0.1",
                port, false, Optional.of("kairos"), password), clock);
    }

    @Test
    void aNotificationArrivesAsPlainTextMailWithItsLinks() throws Exception {
        Notification n = new Notification("Run `make deploy`?", "The agent asks to run a command.",
                Notification.Priority.URGENT,
                List.of(new Notification.Action("Approve", URI.create("https://k.example/approvals/7/approve?sig=a"), "POST")),
                Optional.of(URI.create("https://k.example/approvals/7")), List.of());

        Outcome o = notifier(smtp.getSmtp().getPort(), Optional.of("s3cret")).send(n);

        assertThat(o).isInstanceOf(Outcome.Delivered.class);
        MimeMessage[] received = smtp.getReceivedMessages();
        assertThat(received).hasSize(1);
        MimeMessage mail = received[0];
        assertThat(mail.getSubject()).isEqualTo("Run `make deploy`?");
        assertThat(mail.getFrom()[0].toString()).isEqualTo("kairos@example.com");
        assertThat(mail.getRecipients(Message.RecipientType.TO)[0].toString()).isEqualTo("me@example.com");
        assertThat(mail.getContentType()).startsWith("text/plain");
        assertThat(mail.getHeader("X-Priority")[0]).startsWith("1");
        assertThat(mail.getSentDate().toInstant()).isEqualTo(clock.instant());
        String body = GreenMailUtil.getBody(mail).replace("\r\n", "\n");
        assertThat(body).startsWith("The agent asks to run a command.\n")
                .contains("Approve: https://k.example/approvals/7/approve?sig=a (POST)")
                .contains("Open: https://k.example/approvals/7");
        assertThat(((Outcome.Delivered) o).receipt()).isEqualTo(mail.getMessageID());
    }

    @Test
    void aWrongPasswordIsRefusedAndSaysWhatToCheck() {
        Outcome o = notifier(smtp.getSmtp().getPort(), Optional.of("wrong")).send(
                Notification.of("t", "m", Notification.Priority.NORMAL));
        assertThat(o).isInstanceOf(Outcome.Refused.class);
        assertThat(((Outcome.Refused) o).reason()).contains("KAIROS_SMTP_PASSWORD").doesNotContain("wrong");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void aServerThatIsNotThereIsTriedAgainLater() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Outcome o = notifier(closed, Optional.of("s3cret")).send(Notification.of("t", "m", Notification.Priority.LOW));
        assertThat(o).isInstanceOf(Outcome.Retry.class);
        assertThat(((Outcome.Retry) o).reason()).contains("127.0.0.1:" + closed);
    }
}
