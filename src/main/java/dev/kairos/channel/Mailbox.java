package dev.kairos.channel;

import dev.kairos.config.MailboxSettings;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import jakarta.mail.event.MessageCountAdapter;
import jakarta.mail.event.MessageCountEvent;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured IMAP folder, opened read-only (Kairos leaves the user's flags alone). It reads what arrived after a
 * {@link Cursor}: mails by UID, valid under the folder's UIDVALIDITY. Without a cursor, or when the server renumbered
 * the folder, it takes the unread mails among the newest {@link #FIRST_READ}: older mail is not the agent's business.
 */
final class Mailbox {
    private static final Logger log = LoggerFactory.getLogger(Mailbox.class);
    static final int FIRST_READ = 10;
    private static final int TIMEOUT_MS = 30_000;
    /** IMAP servers end an IDLE after 30 minutes; Kairos renews it before. */
    static final Duration LONGEST_IDLE = Duration.ofMinutes(25);

    /** How far a folder was read: its UIDVALIDITY and the highest UID taken. */
    record Cursor(long validity, long lastUid) {}

    /** What a read found, and the cursor to store with it. */
    record Batch(Cursor cursor, List<Mail> mails) {}

    private final MailboxSettings settings;
    private final Path attachments;
    private final List<String> own;

    Mailbox(MailboxSettings settings, Path attachments) {
        this.settings = settings;
        this.attachments = attachments;
        this.own = List.of(settings.from().toLowerCase(Locale.ROOT), settings.user().toLowerCase(Locale.ROOT));
    }

    /** Names the folder read, for the cursor: "user@host/INBOX". */
    String name() {
        return settings.user() + "@" + settings.imapHost() + "/" + settings.folder();
    }

    /** The mails that arrived after {@code after}, oldest first, with the cursor that follows them. */
    Batch read(Optional<Cursor> after) throws MessagingException {
        IMAPStore store = connect(TIMEOUT_MS);
        try {
            IMAPFolder f = (IMAPFolder) store.getFolder(settings.folder());
            f.open(Folder.READ_ONLY);
            try {
                long validity = f.getUIDValidity();
                boolean same = after.isPresent() && after.get().validity() == validity;
                long from = same ? after.get().lastUid() + 1 : 0;
                List<Message> found = new ArrayList<>();
                int count = f.getMessageCount();
                if (same) {
                    found.addAll(List.of(f.getMessagesByUID(from, UIDFolder.MAXUID)));
                } else if (count > 0) {
                    found.addAll(List.of(f.getMessages(Math.max(1, count - FIRST_READ + 1), count)));
                }
                FetchProfile profile = new FetchProfile();
                profile.add(UIDFolder.FetchProfileItem.UID);
                profile.add(FetchProfile.Item.FLAGS);
                f.fetch(found.toArray(Message[]::new), profile);
                long last = same ? after.get().lastUid() : count > 0 ? f.getUID(f.getMessage(count)) : 0;
                List<Mail> mails = new ArrayList<>();
                for (Message m : found) {
                    long uid = f.getUID(m);
                    if (uid < from) continue; // "n:*" always names the newest mail, even when it is older
                    last = Math.max(last, uid);
                    if (!same && m.isSet(Flags.Flag.SEEN)) continue;
                    String fallback = "<" + validity + "." + uid + "@" + settings.imapHost() + ">";
                    MailBody body = MailBody.of(m, attachments, Optional.ofNullable(((MimeMessage) m).getMessageID())
                            .orElse(fallback));
                    mails.add(Mail.read((MimeMessage) m, uid, own, body, fallback));
                }
                mails.sort(Comparator.comparingLong(Mail::uid));
                return new Batch(new Cursor(validity, last), mails);
            } finally {
                f.close(false);
            }
        } finally {
            store.close();
        }
    }

    /**
     * Waits for new mail in the folder, up to {@link #LONGEST_IDLE}, with IDLE where the server offers it (then
     * {@code idling} gets the folder, so another thread can end the wait); returns at once when mail arrived after
     * {@code seen}; returns false, having waited for nothing, when the server has no IDLE (the caller polls).
     */
    boolean waitForMail(Cursor seen, Consumer<IMAPFolder> idling) throws MessagingException {
        IMAPStore store = connect((int) LONGEST_IDLE.toMillis());
        try {
            if (!store.hasCapability("IDLE")) return false;
            IMAPFolder f = (IMAPFolder) store.getFolder(settings.folder());
            f.open(Folder.READ_ONLY);
            try {
                if (f.getUIDValidity() != seen.validity() || f.getUIDNext() > seen.lastUid() + 1) return true;
                // a mail that arrives now may be announced as the IDLE starts, an answer idle() reads before it
                // idles and would not wake on: the announcement ends the IDLE instead (on the mail event thread)
                f.addMessageCountListener(new MessageCountAdapter() {
                    @Override
                    public void messagesAdded(MessageCountEvent e) {
                        endIdle(f);
                    }
                });
                idling.accept(f);
                f.idle(true);
                return true;
            } finally {
                idling.accept(null);
                if (f.isOpen()) f.close(false);
            }
        } finally {
            store.close();
        }
    }

    /** Ends an IDLE on {@code f} from another thread (any command does); a folder closed by then is left alone. */
    static void endIdle(IMAPFolder f) {
        synchronized (f) { // closing takes this lock: a closed folder's command would borrow a new connection
            try {
                if (!f.isOpen()) return;
                f.doCommand(p -> {
                    p.simpleCommand("NOOP", null);
                    return null;
                });
            } catch (MessagingException | RuntimeException e) {
                log.debug("email: ending the IDLE: {}", e.toString());
            }
        }
    }

    private IMAPStore connect(int readTimeoutMs) throws MessagingException {
        String protocol = settings.imapSsl() ? "imaps" : "imap";
        Properties p = new Properties();
        p.put("mail." + protocol + ".connectiontimeout", Integer.toString(TIMEOUT_MS));
        p.put("mail." + protocol + ".timeout", Integer.toString(readTimeoutMs));
        p.put("mail." + protocol + ".writetimeout", Integer.toString(TIMEOUT_MS));
        if (!settings.imapSsl()) p.put("mail.imap.starttls.enable", "true"); // where offered; loopback servers don't
        IMAPStore store = (IMAPStore) Session.getInstance(p).getStore(protocol);
        store.connect(settings.imapHost(), settings.imapPort(), settings.user(), settings.password().orElse(""));
        return store;
    }
}
