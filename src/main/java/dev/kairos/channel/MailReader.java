package dev.kairos.channel;

import dev.kairos.event.Event;
import dev.kairos.event.Inbox;
import dev.kairos.event.Trust;
import dev.kairos.sense.Sensor;
import jakarta.mail.MessagingException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the mailbox into the inbox. Each read is stored in ONE transaction with the folder's new cursor (UIDVALIDITY
 * and the last UID): a restart neither loses nor repeats a mail. A mail that may be answered becomes a
 * {@code message.received} event; one from the agent's own address, an automatic reply or list mail is only noted
 * (table mail_noted), never answered: a reply there could start a loop or reach a list, and its words, kept out of
 * the inbox and the journal, taint no later turn.
 *
 * <p>In a beat ({@code kairos tick}) a poll reads once. In {@code kairos up} a thread of its own waits with IMAP
 * IDLE where the server offers it (polling every {@link #POLL_EVERY} otherwise) and wakes the beat.
 */
final class MailReader implements Sensor {
    private static final Logger log = LoggerFactory.getLogger(MailReader.class);
    static final Duration POLL_EVERY = Duration.ofMinutes(1);
    private static final Duration LONGEST_PAUSE = Duration.ofMinutes(5);

    private final Mailbox mailbox;
    private final Jdbi jdbi;
    private final InstantSource clock;
    private final Function<String, Trust> trust;
    private volatile Thread watch;
    private volatile IMAPFolder idling;
    private volatile boolean closed;
    private final Outage outage = new Outage(log, "email: the mailbox answers again", LONGEST_PAUSE, 8, () -> closed);

    /** @param trust whose words a sender's are, by address */
    MailReader(Mailbox mailbox, Jdbi jdbi, InstantSource clock, Function<String, Trust> trust) {
        this.mailbox = mailbox;
        this.jdbi = jdbi;
        this.clock = clock;
        this.trust = trust;
    }

    @Override
    public String name() {
        return Email.NAME;
    }

    /** Stores what arrived (see the class); the events reach the beat through the inbox, so none is returned. */
    @Override
    public List<Event> poll(Instant now) {
        if (watch != null) return List.of();
        try {
            receive();
        } catch (MessagingException | RuntimeException e) {
            failed(e);
        }
        return List.of();
    }

    /** Starts watching the mailbox, which calls {@code wake} after storing a message. */
    @Override
    public synchronized void onWake(Runnable wake) {
        if (watch != null || closed) return;
        log.info("email: watching {} (IDLE where the server offers it)", mailbox.name());
        watch = Thread.ofPlatform().daemon().name("kairos-email").start(() -> watch(wake));
    }

    private void watch(Runnable wake) {
        while (!closed) {
            try {
                if (receive() > 0) wake.run();
                if (closed) return;
                if (!mailbox.waitForMail(cursor().orElse(new Mailbox.Cursor(-1, -1)), f -> idling = f)
                        && !outage.pause(POLL_EVERY)) {
                    return;
                }
            } catch (MessagingException | RuntimeException e) {
                if (closed) return;
                failed(e);
                if (!outage.pause(outage.backoff())) return;
            }
        }
    }

    /** Reads what is new and stores it; returns how many messages (not noted mails) it stored. */
    synchronized int receive() throws MessagingException {
        Optional<Mailbox.Cursor> before = cursor();
        Mailbox.Batch batch = mailbox.read(before);
        int stored = 0;
        if (!batch.mails().isEmpty() || before.isEmpty() || !before.get().equals(batch.cursor())) {
            Instant now = clock.instant();
            stored = jdbi.inTransaction(h -> store(h, batch, now));
        }
        outage.recovered();
        return stored;
    }

    private int store(Handle h, Mailbox.Batch batch, Instant now) {
        // the cursor is written first: a write takes the write lock before any read
        h.createUpdate("""
                INSERT INTO mail_cursors (mailbox, uid_validity, last_uid, read_at) VALUES (:m, :v, :u, :at)
                ON CONFLICT (mailbox) DO UPDATE SET uid_validity = excluded.uid_validity,
                    last_uid = excluded.last_uid, read_at = excluded.read_at""")
                .bind("m", mailbox.name()).bind("v", batch.cursor().validity()).bind("u", batch.cursor().lastUid())
                .bind("at", now.toEpochMilli()).execute();
        int stored = 0;
        for (Mail mail : batch.mails()) {
            if (mail.kind() != Mail.Kind.MESSAGE) {
                noted(h, mail, now);
                continue;
            }
            Incoming m = new Incoming(Email.NAME, mail.thread(), mail.messageId(), mail.from(), mail.fromName(),
                    mail.said(), Optional.empty(), Optional.empty(), mail.attachments(), now);
            Trust t = trust.apply(mail.from());
            if (Inbox.add(h, m.event(t)).isEmpty()) continue; // read before, under another UIDVALIDITY
            ChatLog.said(h, m, t);
            h.createUpdate("""
                    INSERT OR IGNORE INTO mail_received (message_id, thread, reply_to, subject, refs, received_at)
                    VALUES (:id, :thread, :to, :subject, :refs, :at)""")
                    .bind("id", mail.messageId()).bind("thread", mail.thread()).bind("to", mail.replyTo())
                    .bind("subject", mail.subject()).bind("refs", String.join(" ", mail.refs()))
                    .bind("at", now.toEpochMilli()).execute();
            stored++;
        }
        return stored;
    }

    /** Kept on record, out of the inbox: never answered, and its words never reach the agent. */
    private static void noted(Handle h, Mail mail, Instant now) {
        int added = h.createUpdate("""
                INSERT OR IGNORE INTO mail_noted (message_id, sender, subject, why, received_at)
                VALUES (:id, :sender, :subject, :why, :at)""")
                .bind("id", mail.messageId()).bind("sender", mail.from()).bind("subject", mail.subject())
                .bind("why", mail.kind().name()).bind("at", now.toEpochMilli()).execute();
        if (added > 0) log.info("email: uid={} not answered: {}", mail.uid(), mail.kind().why());
    }

    private Optional<Mailbox.Cursor> cursor() {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT uid_validity, last_uid FROM mail_cursors WHERE mailbox = :m")
                .bind("m", mailbox.name())
                .map((rs, ctx) -> new Mailbox.Cursor(rs.getLong(1), rs.getLong(2))).findOne());
    }

    /** Whether the watch waits in an IDLE now (for tests: mail that arrives then must end the wait). */
    boolean idling() {
        return idling != null;
    }

    /** What stops the mailbox being read, for `kairos status`; empty while it works. */
    Optional<String> problem() {
        return outage.problem();
    }

    private void failed(Exception e) {
        String what = "email: " + mailbox.name() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getMessage().strip().replaceAll("\\s+", " "));
        if (e instanceof jakarta.mail.AuthenticationFailedException) {
            what += "; check channels.email.user in kairos.yaml and KAIROS_IMAP_PASSWORD";
        }
        outage.failed(what);
    }

    @Override
    public void close() {
        closed = true;
        Thread t = watch;
        if (t == null) return;
        IMAPFolder f = idling;
        if (f != null) Mailbox.endIdle(f);
        t.interrupt();
        try {
            t.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
