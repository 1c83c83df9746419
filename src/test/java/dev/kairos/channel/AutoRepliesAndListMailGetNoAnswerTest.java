package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.kairos.Kairos;
import dev.kairos.event.Trust;
import dev.kairos.heartbeat.Task;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mail that an answer could turn into a loop or a broadcast is noted, never answered: an automatic reply
 * (Auto-Submitted), mailing-list mail (List-Id), and mail from the agent's own address; even from the user's own
 * address. The same user's plain mail, read in the same beat, is answered, by a turn the others do not taint: it is
 * the headers that hold them back, and their words stay out of the agent's memory.
 */
class AutoRepliesAndListMailGetNoAnswerTest {
    @RegisterExtension final GreenMailExtension mail = MailHome.server();
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void onlyThePlainMailIsAnswered() {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.respondWith(r -> MailGetsOneReplyInItsThreadTest.answer(r, "Noted."));
            MailHome m = MailHome.at(home, model, mail, clock, "");
            m.mailAgent(MailHome.USER, "<ooo@example.com>", "Out of office", "I am away until Monday.",
                    "Auto-Submitted: auto-replied");
            m.mailAgent(MailHome.USER, "<list@example.com>", "[dev] release notes", "Please review.",
                    "List-Id: Dev list <dev.lists.example.com>");
            m.mailAgent(MailHome.AGENT, "<self@example.com>", "Re: a note", "An echo of the agent's own mail.");
            m.mailAgent(MailHome.USER, "<plain@example.com>", "Lunch?", "Shall we move lunch to one?");
            try (Kairos k = m.open()) {
                k.heartbeat().beat();

                assertThat(m.sentTo(MailHome.USER)).singleElement().satisfies(reply ->
                        assertThat(reply.getHeader("In-Reply-To")[0]).isEqualTo("<plain@example.com>"));
                assertThat(m.sentTo(MailHome.AGENT)).as("the four it was sent, no answer to its own").hasSize(4);
                assertThat(model.requestCount()).as("one turn: the plain mail's").isEqualTo(2);
                assertThat(noted(k)).containsExactlyInAnyOrder("AUTO_REPLY", "MAILING_LIST", "OWN");
                assertThat(k.tasks().inState(Task.State.DONE)).singleElement().satisfies(t -> {
                    assertThat(t.title()).contains("Lunch?");
                    assertThat(t.trust()).isEqualTo(Trust.TRUSTED);
                });
                assertThat(MailHome.texts(k)).singleElement().asString().contains("Lunch?");
            }
        }
    }

    /** Why each noted mail was not answered. */
    private static List<String> noted(Kairos k) {
        return k.store().jdbi().withHandle(h -> h.createQuery(
                        "SELECT why FROM mail_noted")
                .mapTo(String.class).list());
    }
}
