package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import dev.kairos.Kairos;
import dev.kairos.effect.Effect;
import dev.kairos.event.Trust;
import dev.kairos.heartbeat.Task;
import dev.kairos.json.Json;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.RecordedRequest;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.SettableClock;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mail from the user becomes a reply task whose `reply` tool answers in the mail's thread, exactly once: to the
 * sender, "Re: " the subject, In-Reply-To the mail and References its thread; not again at the next beat, and not
 * twice when Kairos dies after the model answered and before the mail went out (a new Kairos sends it once).
 */
class MailGetsOneReplyInItsThreadTest {
    @RegisterExtension final GreenMailExtension mail = MailHome.server();
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void aMailGetsOneAnswerInItsThread() throws Exception {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.respondWith(r -> answer(r, "Yes, all 212 tests pass."));
            MailHome m = MailHome.at(home, model, mail, clock, "");
            m.mailAgent(MailHome.USER, "<m2@example.com>", "Re: Are the tests green?", "Are they green now?",
                    "References: <m0@example.com> <m1@example.com>", "In-Reply-To: <m1@example.com>");
            try (Kairos k = m.open()) {
                k.heartbeat().beat();

                assertThat(m.sentTo(MailHome.USER)).singleElement().satisfies(reply -> {
                    assertThat(reply.getFrom()[0].toString()).isEqualTo(MailHome.AGENT);
                    assertThat(reply.getSubject()).isEqualTo("Re: Are the tests green?");
                    assertThat(reply.getHeader("In-Reply-To")[0]).isEqualTo("<m2@example.com>");
                    assertThat(reply.getHeader("References", " ").split("\\s+"))
                            .containsExactly("<m0@example.com>", "<m1@example.com>", "<m2@example.com>");
                    assertThat(reply.getHeader("Auto-Submitted")[0]).isEqualTo("auto-generated");
                    assertThat(GreenMailUtil.getBody(reply).strip()).isEqualTo("Yes, all 212 tests pass.");
                });
                assertThat(k.tasks().inState(Task.State.DONE)).singleElement().satisfies(task -> {
                    assertThat(task.kind()).isEqualTo("reply");
                    assertThat(task.trust()).as("ada is on the allowlist").isEqualTo(Trust.TRUSTED);
                });
                RecordedRequest asked = model.requests().getFirst();
                assertThat(Conversation.lastUserText(asked)).contains("Are they green now?")
                        .contains("Re: Are the tests green?");

                int calls = model.requestCount();
                clock.advance(Duration.ofMinutes(1));
                k.heartbeat().beat();
                assertThat(m.sentTo(MailHome.USER)).as("nothing more at the next beat").hasSize(1);
                assertThat(model.requestCount()).isEqualTo(calls);
            }
        }
    }

    @Test
    void aReplyDecidedBeforeACrashIsSentOnceByTheNextKairos() throws Exception {
        try (FakeModelServer model = FakeModelServer.start()) {
            AtomicInteger turns = new AtomicInteger();
            model.respondWith(r -> Conversation.lastToolResult(r).isPresent() ? Reply.text("answered")
                    : Reply.toolUse("reply", Json.write(Map.of("text",
                            turns.incrementAndGet() == 1 ? "First answer." : "A second, different answer."))));
            MailHome m = MailHome.at(home, model, mail, clock, "");
            m.configure(closedPort(), ""); // the mail does not get out before the process is gone
            m.mailAgent(MailHome.USER, "<q1@example.com>", "Deploy?", "Shall I deploy?");
            long task;
            try (Kairos k = m.open()) {
                k.heartbeat().beat();
                assertThat(m.sentTo(MailHome.USER)).isEmpty();
                assertThat(k.outbox().counts()).containsEntry(Effect.State.PENDING, 1);
                // a kill -9 after the model answered leaves the task running: the next start runs it again
                task = k.tasks().inState(Task.State.DONE).getFirst().id();
                k.tasks().setState(task, Task.State.RUNNING, "", clock.instant());
            }

            m.configure(mail.getSmtp().getPort(), "");
            clock.advance(Duration.ofMinutes(1)); // past the retry's back-off
            try (Kairos k = m.open()) {
                assertThat(k.tasks().requeueInterrupted(clock.instant())).isEqualTo(1);
                k.heartbeat().beat();
                assertThat(turns.get()).as("the task ran again").isEqualTo(2);
                assertThat(m.sentTo(MailHome.USER)).as("the reply decided first, once").singleElement()
                        .satisfies(reply -> {
                            assertThat(GreenMailUtil.getBody(reply).strip()).isEqualTo("First answer.");
                            assertThat(reply.getHeader("In-Reply-To")[0]).isEqualTo("<q1@example.com>");
                            assertThat(reply.getSubject()).isEqualTo("Re: Deploy?");
                        });
                clock.advance(Duration.ofHours(2));
                k.heartbeat().beat();
                assertThat(m.sentTo(MailHome.USER)).hasSize(1);
                assertThat(k.outbox().counts()).containsEntry(Effect.State.DELIVERED, 1)
                        .containsEntry(Effect.State.PENDING, 0);
                assertThat(k.tasks().find(task).orElseThrow().state()).isEqualTo(Task.State.DONE);
            }
        }
    }

    /** A loopback port nothing listens on. */
    private static int closedPort() throws java.io.IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** A model that replies {@code text} with the reply tool, then ends its turn. */
    static Reply answer(RecordedRequest r, String text) {
        return Conversation.lastToolResult(r).isPresent() ? Reply.text("replied")
                : Reply.toolUse("reply", Json.write(Map.of("text", text)));
    }

    static String body(MimeMessage m) {
        return GreenMailUtil.getBody(m).strip();
    }
}
