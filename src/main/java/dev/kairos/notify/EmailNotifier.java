package dev.kairos.notify;

import dev.kairos.config.NotifySettings;
import dev.kairos.effect.Outcome;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.InstantSource;
import java.util.Date;

/**
 * Plain-text mail over SMTP (angus-mail), for users without a push app and for digests. A refused login or address is
 * refused for good; a server that cannot be reached, or answers 4xx ("try later"), is tried again.
 */
final class EmailNotifier implements Notifier {
    private final NotifySettings.Email settings;
    private final InstantSource clock;

    EmailNotifier(NotifySettings.Email settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "email";
    }

    @Override
    public Outcome send(Notification n) {
        Smtp smtp = new Smtp(settings.host(), settings.port(), settings.starttls(), settings.user(),
                settings.password(), "notify.email.user in kairos.yaml and KAIROS_SMTP_PASSWORD");
        try {
            MimeMessage mail = new MimeMessage(smtp.session());
            mail.setFrom(new InternetAddress(settings.from()));
            mail.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", settings.to())));
            mail.setSubject(n.title(), "UTF-8");
            mail.setSentDate(Date.from(clock.instant()));
            if (n.priority() == Notification.Priority.URGENT) {
                mail.setHeader("X-Priority", "1 (Highest)");
                mail.setHeader("Importance", "high");
            }
            mail.setText(text(n), "UTF-8");
            return smtp.send(mail, "mail to " + settings.to());
        } catch (MessagingException e) {
            return new Outcome.Refused("the mail could not be written: " + e.getMessage());
        }
    }

    /** The message, then each action and the link as "Label: URL" lines (a mail cannot POST; the link says how). */
    static String text(Notification n) {
        StringBuilder b = new StringBuilder(n.message().strip()).append("\n");
        if (!n.actions().isEmpty()) b.append("\n");
        for (Notification.Action a : n.actions()) {
            b.append(a.label()).append(": ").append(a.url()).append(" (").append(a.method()).append(")\n");
        }
        n.click().ifPresent(c -> b.append("\nOpen: ").append(c).append("\n"));
        return b.append("\n-- \nSent by Kairos. './kairos notify test' checks this setup.\n").toString();
    }
}
