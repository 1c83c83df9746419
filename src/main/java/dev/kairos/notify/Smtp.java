package dev.kairos.notify;

import dev.kairos.effect.Outcome;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;

/**
 * Sends one mail over SMTP (angus-mail) and says what became of it as an outbox {@link Outcome}: a refused login or
 * address is refused for good; a server that cannot be reached, or answers 4xx ("try later"), is tried again.
 *
 * @param starttls upgrade the connection with STARTTLS before anything is sent (required when true)
 * @param loginHint what to check when the login is refused: where the user and the password are set
 */
public record Smtp(String host, int port, boolean starttls, Optional<String> user, Optional<String> password,
        String loginHint) {
    private static final String TIMEOUT_MS = "30000";

    /** A session for this server: mails to send are made in it. */
    public Session session() {
        Properties p = new Properties();
        p.put("mail.smtp.host", host);
        p.put("mail.smtp.port", Integer.toString(port));
        p.put("mail.smtp.connectiontimeout", TIMEOUT_MS);
        p.put("mail.smtp.timeout", TIMEOUT_MS);
        p.put("mail.smtp.writetimeout", TIMEOUT_MS);
        p.put("mail.smtp.auth", Boolean.toString(user.isPresent()));
        if (starttls) {
            p.put("mail.smtp.starttls.enable", "true");
            p.put("mail.smtp.starttls.required", "true"); // never send the password in the clear instead
        }
        return Session.getInstance(p);
    }

    /** Sends {@code mail} (made in {@link #session()}); its Message-ID, else {@code otherwise}, is the receipt. */
    public Outcome send(MimeMessage mail, String otherwise) {
        String server = "the SMTP server " + host + ":" + port;
        try {
            if (user.isPresent()) {
                Transport.send(mail, user.get(), password.orElse(""));
            } else {
                Transport.send(mail);
            }
            return new Outcome.Delivered(mail.getMessageID() == null ? otherwise : mail.getMessageID());
        } catch (AuthenticationFailedException e) {
            return new Outcome.Refused(server + " refused the login of " + user.orElse("(no user)") + "; check "
                    + loginHint);
        } catch (SendFailedException e) {
            int code = returnCode(e);
            String reason = server + " did not take the mail" + (code > 0 ? " (" + code + ")" : "") + ": "
                    + oneLine(e.getMessage());
            return code >= 400 && code < 500 ? Outcome.Retry.because(reason) : new Outcome.Refused(reason);
        } catch (MessagingException e) {
            return Outcome.Retry.because(server + " could not be reached: " + oneLine(e.getMessage()));
        }
    }

    /** Never the password: settings may be printed. */
    @Override
    public String toString() {
        return "Smtp[" + host + ":" + port + (starttls ? " starttls" : "") + ", user=" + user + ", password="
                + password.map(x -> "(set)").orElse("(none)") + "]";
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
