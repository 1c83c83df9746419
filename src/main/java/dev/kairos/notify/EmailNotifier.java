package dev.kairos.notify;

import dev.kairos.config.NotifySettings;
import dev.kairos.effect.Outcome;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.InstantSource;
import java.util.Date;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Plain-text mail over SMTP (angus-mail), for users without a push app and for digests. A refused login or address is
 * refused for good; a server that cannot be reached, or answers 4xx ("try later"), is tried again.
 */
final class EmailNotifier implements Notifier {
    private static final String TIMEOUT_MS = "30000";

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
        String server = "the SMTP server " + settings.host() + ":" + settings.port();
        try {
            MimeMessage mail = new MimeMessage(session());
            mail.setFrom(new InternetAddress(settings.from()));
            mail.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(",", settings.to())));
            mail.setSubject(n.title(), "UTF-8");
            mail.setSentDate(Date.from(clock.instant()));
            if (n.priority() == Notification.Priority.URGENT) {
                mail.setHeader("X-Priority", "1 (Highest)");
                mail.setHeader("Importance", "high");
            }
            mail.setText(text(n), "UTF-8");
            if (settings.user().isPresent()) {
                Transport.send(mail, settings.user().get(), settings.password().orElse(""));
            } else {
                Transport.send(mail);
            }
            return new Outcome.Delivered(mail.getMessageID() == null ? "mail to " + settings.to() : mail.getMessageID());
        } catch (AuthenticationFailedException e) {
            return new Outcome.Refused(server + " refused the login of " + settings.user().orElse("(no user)")
                    + "; check notify.email.user in kairos.yaml and KAIROS_SMTP_PASSWORD");
        } catch (SendFailedException e) {
            int code = returnCode(e);
            String reason = server + " did not take the mail" + (code > 0 ? " (" + code + ")" : "") + ": "
                    + oneLine(e.getMessage());
            return code >= 400 && code < 500 ? Outcome.Retry.because(reason) : new Outcome.Refused(reason);
        } catch (MessagingException e) {
            return Outcome.Retry.because(server + " could not be reached: " + oneLine(e.getMessage()));
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

    private Session session() {
        Properties p = new Properties();
        p.put("mail.smtp.host", settings.host());
        p.put("mail.smtp.port", Integer.toString(settings.port()));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.put("mail.smtp.timeout", TIMEOUT_MS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MS);
        p.put("mail.smtp.auth", Boolean.toString(settings.user().isPresent()));
        if (settings.starttls()) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true"); // never send the password in the clear instead
        }
        return Session.getInstance(p);
    }

    private static int returnCode(SendFailedException e) {
        if (e instanceof SMTPSendFailedException s) return s.getReturnCode();
        for (Exception next = e.getNextException(); next != null;
                next = next instanceof MessagingException m ? m.getNextException() : null) {
            if (next instanceof SMTPAddressFailedException a) return a.getReturnCode();
        }
        return -1;
    }

    private static String oneLine(String text) {
        return text == null ? "" : dev.kairos.event.Printable.of(text.strip().replaceAll("\\s+", " "));
    }
}
