package dev.kairos.channel;

import dev.kairos.config.MailboxSettings;
import dev.kairos.effect.Courier;
import dev.kairos.event.Trust;
import dev.kairos.notify.Smtp;
import dev.kairos.sense.Sensor;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * A mailbox: mail read over IMAP ({@link MailReader}), answers sent over SMTP in the same thread
 * ({@link MailCourier}). Its trust rule: a mail is the user's own when its sender is on {@code channels.email.allow};
 * anyone else's is data, which taints its turn. (The From address is what the user's mail server accepted; that
 * server's SPF and DKIM checks are what keep it honest.)
 */
final class Email implements Channel {
    static final String NAME = "email";
    /** One mail holds a whole answer. */
    static final int MAX_LENGTH = 100_000;

    private final List<String> allow;
    private final MailReader reader;
    private final MailCourier courier;

    /** @param attachments the folder under the workspace where the files mails carry are saved */
    Email(MailboxSettings settings, Jdbi jdbi, InstantSource clock, Path attachments) {
        this.allow = settings.allow();
        this.reader = new MailReader(new Mailbox(settings, attachments), jdbi, clock, this::trust);
        this.courier = new MailCourier(new Smtp(settings.smtpHost(), settings.smtpPort(), settings.smtpStarttls(),
                Optional.of(settings.smtpUser()), settings.smtpPassword(),
                "channels.email.smtp.user in kairos.yaml and KAIROS_SMTP_PASSWORD"), settings.from(),
                settings.owner(), jdbi, clock);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int maxLength() {
        return MAX_LENGTH;
    }

    @Override
    public Trust trust(Incoming message) {
        return trust(message.sender());
    }

    Trust trust(String sender) {
        return allow.contains(sender.strip().toLowerCase(Locale.ROOT)) ? Trust.TRUSTED : Trust.UNTRUSTED;
    }

    /** A thread of its own, named by the Message-ID its first mail will carry, to the user's own address. */
    @Override
    public Optional<String> startsIn(String key) {
        return Optional.of(courier.messageId(NAME + ":message:" + key));
    }

    @Override
    public Sensor receiver() {
        return reader;
    }

    @Override
    public Courier courier() {
        return courier;
    }

    @Override
    public Optional<String> problem() {
        return reader.problem();
    }
}
