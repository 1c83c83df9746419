package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.kairos.Kairos;
import dev.kairos.config.ConfigReader;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A Kairos home in a temp dir whose mailbox is kairos@example.com on a GreenMail server (SMTP and IMAP on loopback),
 * whose user is ada@example.com (on the allowlist), and whose model, when there is one, a {@link FakeModelServer}.
 */
record MailHome(Path home, Map<String, String> env, GreenMailExtension mail, SettableClock clock) {
    static final String AGENT = "kairos@example.com";
    static final String USER = "ada@example.com";
    static final String PASSWORD = "app-password-1";

    /** SMTP and IMAP on loopback, with the agent's mailbox and the user's. */
    static GreenMailExtension server() {
        return new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP))
                .withConfiguration(GreenMailConfiguration.aConfig().withUser(AGENT, AGENT, PASSWORD)
                        .withUser(USER, USER, "users-own"));
    }

    /** With {@code model} (null: no model configured, tasks only queue), initialised; {@code more} joins kairos.yaml. */
    static MailHome at(Path home, FakeModelServer model, GreenMailExtension mail, SettableClock clock, String more) {
        Map<String, String> env = new HashMap<>(model != null ? ScriptedModelHome.at(home, model).env()
                : Map.of("KAIROS_HOME", home.toString(), "KAIROS_TIMEZONE", "UTC"));
        env.put("KAIROS_IMAP_PASSWORD", PASSWORD);
        env.put("PATH", System.getenv("PATH"));
        CliRun init = CliRun.run(env, clock, "init");
        assertThat(init.exitCode()).as(init.err()).isZero();
        MailHome h = new MailHome(home, Map.copyOf(env), mail, clock);
        h.configure(mail.getSmtp().getPort(), more);
        return h;
    }

    /** kairos.yaml with the mailbox, sending to SMTP on {@code smtpPort}, and {@code more}. */
    void configure(int smtpPort, String more) {
        configure(smtpPort, "INBOX", more);
    }

    /** The same, reading {@code folder}. */
    void configure(int smtpPort, String folder, String more) {
        try {
            Files.writeString(home.resolve("kairos.yaml"), """
                    timezone: UTC
                    channels:
                      email:
                        user: %s
                        folder: %s
                        allow: [%s]
                        imap: {host: 127.0.0.1, port: %d, ssl: false}
                        smtp: {host: 127.0.0.1, port: %d, starttls: false, from: %s}
                    """.formatted(AGENT, folder, USER, mail.getImap().getPort(), smtpPort, AGENT) + more);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Kairos open() {
        return open(Kairos.Mode.ONE_BEAT);
    }

    Kairos open(Kairos.Mode mode) {
        return Kairos.open(ConfigReader.read(home, env), env, clock, mode);
    }

    /** Mails the agent over SMTP from {@code from}, with its Message-ID {@code id} and {@code headers} ("Name: value"). */
    void mailAgent(String from, String id, String subject, String text, String... headers) {
        try {
            Properties p = new Properties();
            p.put("mail.smtp.host", "127.0.0.1");
            p.put("mail.smtp.port", Integer.toString(mail.getSmtp().getPort()));
            MimeMessage m = new MimeMessage(Session.getInstance(p)) {
                @Override
                protected void updateMessageID() throws MessagingException {
                    setHeader("Message-ID", id);
                }
            };
            m.setFrom(new InternetAddress(from));
            m.setRecipients(Message.RecipientType.TO, AGENT);
            m.setSubject(subject);
            m.setText(text);
            for (String h : headers) {
                int colon = h.indexOf(':');
                m.setHeader(h.substring(0, colon).strip(), h.substring(colon + 1).strip());
            }
            Transport.send(m);
        } catch (MessagingException e) {
            throw new AssertionError(e);
        }
    }

    /** The mails the agent sent to {@code to}, in the order they arrived. */
    List<MimeMessage> sentTo(String to) {
        return mail.findReceivedMessages(u -> u.getEmail().equals(to), m -> true).toList();
    }

    /** The message events in the inbox (texts of the mails that will be answered), oldest first. */
    static List<String> texts(Kairos k) {
        return k.store().jdbi().withHandle(h -> h.createQuery("""
                        SELECT json_extract(payload, '$.text') FROM events
                        WHERE source = 'email' AND kind = 'message.received' ORDER BY id""")
                .mapTo(String.class).list());
    }
}
