package dev.kairos.channel;

import dev.kairos.effect.Courier;
import dev.kairos.effect.Effect;
import dev.kairos.effect.Outcome;
import dev.kairos.notify.Smtp;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.InstantSource;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * Sends {@code email.send} effects over SMTP. An answer joins its mail's thread: to its Reply-To (else From), with
 * "Re: " and the subject, In-Reply-To the mail and References its thread. A thread the agent starts
 * ({@code message_user}) goes to the user's own address, with the thread's id as its Message-ID. Each mail's
 * Message-ID is made from its effect, so a mail sent again after a crash (sent, then the process died before the
 * outbox knew) is the same mail to the user's client. Each carries Auto-Submitted, so other machines do not answer it.
 */
final class MailCourier implements Courier {
    private static final int SUBJECT_CHARS = 70;

    private final Smtp smtp;
    private final String from;
    private final String owner;
    private final Jdbi jdbi;
    private final InstantSource clock;

    MailCourier(Smtp smtp, String from, String owner, Jdbi jdbi, InstantSource clock) {
        this.smtp = smtp;
        this.from = from;
        this.owner = owner;
        this.jdbi = jdbi;
        this.clock = clock;
    }

    @Override
    public String kind() {
        return Email.NAME + ".send";
    }

    record Answered(String replyTo, String subject, String refs) {}

    @Override
    public Outcome deliver(Effect effect) {
        Outgoing out;
        try {
            out = Outgoing.read(effect.payload());
        } catch (IllegalStateException e) {
            return new Outcome.Refused(e.getMessage());
        }
        try {
            MimeMessage mail;
            if (out.replyTo().isPresent()) {
                Optional<Answered> a = answered(out.replyTo().get());
                if (a.isEmpty()) return new Outcome.Refused("the mail it answers (" + out.replyTo().get()
                        + ") was never read here");
                mail = mail(messageId(effect.key()));
                mail.setRecipients(Message.RecipientType.TO, InternetAddress.parse(a.get().replyTo()));
                mail.setSubject(a.get().subject().regionMatches(true, 0, "re:", 0, 3) ? a.get().subject()
                        : "Re: " + a.get().subject(), "UTF-8");
                mail.setHeader("In-Reply-To", out.replyTo().get());
                mail.setHeader("References", a.get().refs());
            } else {
                mail = mail(out.chat());
                mail.setRecipients(Message.RecipientType.TO, InternetAddress.parse(owner));
                mail.setSubject(subject(out.text()), "UTF-8");
            }
            mail.setFrom(new InternetAddress(from));
            mail.setSentDate(Date.from(clock.instant()));
            mail.setHeader("Auto-Submitted", "auto-generated");
            mail.setText(out.text() + "\n", "UTF-8");
            return smtp.send(mail, "mail in thread " + out.chat());
        } catch (MessagingException e) {
            return new Outcome.Refused("the mail could not be written: " + e.getMessage());
        }
    }

    /** A thread of its own: the first line of the text, cut short. */
    static String subject(String text) {
        String line = text.strip().lines().findFirst().orElse("A note from Kairos").strip();
        return line.length() > SUBJECT_CHARS ? line.substring(0, SUBJECT_CHARS - 1) + "…" : line;
    }

    private Optional<Answered> answered(String messageId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT reply_to, subject, refs FROM mail_received WHERE message_id = :id")
                .bind("id", messageId)
                .map((rs, ctx) -> new Answered(rs.getString(1), rs.getString(2), rs.getString(3))).findOne());
    }

    /** "&lt;kairos.HASH@example.com&gt;": the same for the same effect key. */
    String messageId(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "<kairos." + HexFormat.of().formatHex(hash, 0, 16) + "@" + from.substring(from.indexOf('@') + 1)
                    + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mail whose Message-ID stays {@code id} (the mail library would otherwise make a new one as it sends). */
    private MimeMessage mail(String id) {
        return new MimeMessage(smtp.session()) {
            @Override
            protected void updateMessageID() throws MessagingException {
                setHeader("Message-ID", id);
            }
        };
    }
}
