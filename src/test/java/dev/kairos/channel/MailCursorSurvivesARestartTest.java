package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import dev.kairos.Kairos;
import dev.kairos.testkit.SettableClock;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The folder's UIDVALIDITY and last UID read are stored with the inbox rows they led to: a new Kairos on the same
 * home reads all the mail that came while it was down (more than a first read would take) and none twice, and a
 * server that renumbers the folder (a new UIDVALIDITY, its mails under new, lower UIDs) makes Kairos read it afresh
 * without taking any mail twice.
 */
class MailCursorSurvivesARestartTest {
    private static final String FOLDER = "Kairos";

    @RegisterExtension final GreenMailExtension mail = MailHome.server();
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void aRestartNeitherLosesNorRepeatsAMail() throws Exception {
        ImapHostManager imap = mail.getManagers().getImapHostManager();
        GreenMailUser agent = mail.getManagers().getUserManager().getUser(MailHome.AGENT);
        MailFolder folder = imap.createMailbox(agent, FOLDER);
        MailHome m = MailHome.at(home, null, mail, clock, "");
        m.configure(mail.getSmtp().getPort(), FOLDER, "");
        append(folder, "one", "two");
        try (Kairos k = m.open()) {
            k.heartbeat().beat();
            assertThat(MailHome.texts(k)).hasSize(2);
            assertThat(cursor(k)).containsExactly(folder.getUidValidity(), folder.getUIDNext() - 1);
        }
        List<String> expected = new ArrayList<>(List.of("one", "two"));
        for (int i = 3; i <= Mailbox.FIRST_READ + 3; i++) expected.add("m" + i);
        append(folder, expected.subList(2, expected.size()).toArray(String[]::new)); // while Kairos is down

        try (Kairos k = m.open()) {
            k.heartbeat().beat();
            assertThat(bodies(k)).containsExactlyElementsOf(expected);
            assertThat(k.pendingTasks()).hasSize(expected.size()).extracting(t -> t.kind()).containsOnly("reply");
            k.heartbeat().beat();
            assertThat(bodies(k)).as("nothing twice").hasSize(expected.size());

            // the server renumbers the folder: its newest mails under a new UIDVALIDITY from 1, and one more
            List<MimeMessage> kept = new ArrayList<>();
            for (StoredMessage s : folder.getNonDeletedMessages()) kept.add(s.getMimeMessage());
            kept = kept.subList(kept.size() - 2, kept.size());
            long before = folder.getUidValidity();
            imap.deleteMailbox(agent, FOLDER);
            MailFolder renumbered = imap.createMailbox(agent, FOLDER);
            assertThat(renumbered.getUidValidity()).as("the server's new numbering").isNotEqualTo(before);
            for (MimeMessage old : kept) renumbered.appendMessage(old, new Flags(), new Date());
            append(renumbered, "four");

            k.heartbeat().beat();
            expected.add("four");
            assertThat(bodies(k)).containsExactlyElementsOf(expected);
            assertThat(k.pendingTasks()).hasSize(expected.size());
            assertThat(cursor(k)).containsExactly(renumbered.getUidValidity(), renumbered.getUIDNext() - 1);
        }
    }

    /** Puts mails from the user with these texts in {@code folder}, unread. */
    private static void append(MailFolder folder, String... texts) throws Exception {
        for (String text : texts) {
            MimeMessage m = new MimeMessage(Session.getInstance(new Properties()));
            m.setFrom(new InternetAddress(MailHome.USER));
            m.setRecipients(Message.RecipientType.TO, MailHome.AGENT);
            m.setSubject("note " + text);
            m.setText(text);
            m.setHeader("Message-ID", "<" + text + "@example.com>");
            folder.appendMessage(m, new Flags(), new Date());
        }
    }

    /** The bodies of the mails stored as messages, oldest first. */
    private static List<String> bodies(Kairos k) {
        return MailHome.texts(k).stream().map(t -> t.substring(t.indexOf("\n\n") + 2)).toList();
    }

    private static List<Long> cursor(Kairos k) {
        return k.store().jdbi().withHandle(h -> h.createQuery("SELECT uid_validity, last_uid FROM mail_cursors")
                .map((rs, ctx) -> List.of(rs.getLong(1), rs.getLong(2))).one());
    }
}
