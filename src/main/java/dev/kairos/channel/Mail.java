package dev.kairos.channel;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One mail read from the mailbox, with what Kairos needs of it: who wrote it, the thread it belongs to (the first
 * Message-ID of its References, else the one it answers, else its own), what an answer must carry to join that
 * thread, and whether it may be answered at all.
 *
 * @param refs the Message-IDs an answer's References list: this mail's References (else In-Reply-To), then its own
 * @param attachments files saved under the workspace, or notes saying why not
 */
record Mail(long uid, String messageId, String thread, String from, String fromName, String replyTo, String subject,
        List<String> refs, String text, List<String> attachments, Kind kind) {

    /** What may be done with a mail: only a {@link #MESSAGE} is answered; the others are noted, never answered. */
    enum Kind {
        MESSAGE, OWN, AUTO_REPLY, MAILING_LIST;

        String why() {
            return switch (this) {
                case MESSAGE -> "a message";
                case OWN -> "sent from the agent's own address";
                case AUTO_REPLY -> "an automatic reply (Auto-Submitted)";
                case MAILING_LIST -> "mailing-list mail (List-Id)";
            };
        }
    }

    Mail {
        refs = List.copyOf(refs);
        attachments = List.copyOf(attachments);
    }

    /**
     * Reads {@code m}; {@code own} are the agent's own addresses, {@code body} its text and files, {@code fallbackId}
     * names a mail without a Message-ID.
     */
    static Mail read(MimeMessage m, long uid, List<String> own, MailBody body, String fallbackId)
            throws MessagingException {
        String id = Optional.ofNullable(m.getMessageID()).map(String::strip).filter(s -> !s.isEmpty())
                .orElse(fallbackId);
        List<String> references = ids(m.getHeader("References", " "));
        List<String> inReplyTo = ids(m.getHeader("In-Reply-To", " "));
        List<String> before = references.isEmpty() ? inReplyTo : references;
        List<String> refs = new ArrayList<>(before);
        if (!refs.contains(id)) refs.add(id);
        InternetAddress from = first(m.getFrom());
        InternetAddress replyTo = first(m.getReplyTo());
        String address = from == null ? "" : from.getAddress().toLowerCase(Locale.ROOT);
        String name = from == null ? "(unknown sender)"
                : from.getPersonal() != null ? from.getPersonal() + " <" + address + ">" : address;
        String subject = Optional.ofNullable(m.getSubject()).map(String::strip).orElse("");
        Kind kind = own.contains(address) ? Kind.OWN : automatic(m, address) ? Kind.AUTO_REPLY
                : m.getHeader("List-Id") != null ? Kind.MAILING_LIST : Kind.MESSAGE;
        return new Mail(uid, id, before.isEmpty() ? id : before.getFirst(), address, name,
                replyTo == null ? address : replyTo.getAddress(), subject, refs, body.text(), body.attachments(),
                kind);
    }

    /** RFC 3834's Auto-Submitted (anything but "no"), the older vacation headers, and bounces. */
    private static boolean automatic(MimeMessage m, String from) throws MessagingException {
        String auto = m.getHeader("Auto-Submitted", ",");
        if (auto != null && !auto.strip().equalsIgnoreCase("no")) return true;
        if (m.getHeader("X-Autoreply") != null || m.getHeader("X-Autorespond") != null) return true;
        String precedence = Optional.ofNullable(m.getHeader("Precedence", ",")).orElse("").strip();
        if (List.of("bulk", "junk", "list", "auto_reply").contains(precedence.toLowerCase(Locale.ROOT))) return true;
        return from.startsWith("mailer-daemon@") || from.startsWith("postmaster@") || from.isEmpty();
    }

    /** The text the agent reads: the subject, then the body. */
    String said() {
        return "Subject: " + subject + "\n\n" + text;
    }

    /** The subject of an answer: "Re: " once. */
    String answerSubject() {
        return subject.regionMatches(true, 0, "re:", 0, 3) ? subject : "Re: " + subject;
    }

    private static InternetAddress first(Address[] addresses) {
        if (addresses == null) return null;
        return Arrays.stream(addresses).filter(InternetAddress.class::isInstance).map(InternetAddress.class::cast)
                .findFirst().orElse(null);
    }

    /** The Message-IDs in a References or In-Reply-To header, in order. */
    static List<String> ids(String header) {
        if (header == null) return List.of();
        List<String> out = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("<[^<>\\s]+>").matcher(header);
        while (m.find()) out.add(m.group());
        return out;
    }
}
