package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import dev.kairos.Kairos;
import dev.kairos.event.Trust;
import dev.kairos.heartbeat.Task;
import dev.kairos.json.Json;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code message_user} starts a thread on the preferred channel: a mail to the user's own address, once, whose
 * Message-ID names the thread, so the user's answer continues it (the agent's first mail is in that turn's window).
 * A tainted task asks before it writes.
 */
class MessageUserStartsAThreadByMailTest {
    @RegisterExtension final GreenMailExtension mail = MailHome.server();
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void aTaskWritesFirstAndTheAnswerContinuesTheThread() throws Exception {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.respondWith(r -> Conversation.lastToolResult(r).isPresent() ? Reply.text("done")
                    : Conversation.lastUserText(r).contains("Yes, please")
                            ? Reply.toolUse("reply", Json.write(Map.of("text", "Removing them now.")))
                            : Reply.toolUse("message_user", Json.write(Map.of("text",
                                    "The disk is 95% full.\nShall I remove old build caches?"))));
            MailHome m = MailHome.at(home, model, mail, clock, ""); // the only channel: the preferred one
            try (Kairos k = m.open()) {
                k.tasks().add(Task.create("check", "Check the disk", Trust.TRUSTED, null, clock.instant()));
                k.heartbeat().beat();

                var sent = m.sentTo(MailHome.USER);
                assertThat(sent).singleElement().satisfies(first -> {
                    assertThat(first.getSubject()).isEqualTo("The disk is 95% full.");
                    assertThat(first.getFrom()[0].toString()).isEqualTo(MailHome.AGENT);
                    assertThat(first.getHeader("In-Reply-To")).isNull();
                });
                String thread = sent.getFirst().getMessageID();
                clock.advance(Duration.ofMinutes(1));
                k.heartbeat().beat();
                assertThat(m.sentTo(MailHome.USER)).as("once").hasSize(1);

                m.mailAgent(MailHome.USER, "<yes@example.com>", "Re: The disk is 95% full.", "Yes, please.",
                        "In-Reply-To: " + thread, "References: " + thread);
                k.heartbeat().beat();
                assertThat(m.sentTo(MailHome.USER)).hasSize(2).last().satisfies(reply -> assertThat(
                        reply.getHeader("References", " ")).isEqualTo(thread + " <yes@example.com>"));
                assertThat(Json.write(model.requests().getLast().body().path("messages")))
                        .as("the thread's window holds the agent's first mail").contains("95% full");
            }
        }
    }

    @Test
    void aTaintedTaskAsksFirst() {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.respondWith(r -> Conversation.lastToolResult(r).isPresent() ? Reply.text("done")
                    : Reply.toolUse("message_user", Json.write(Map.of("text", "Click this link!"))));
            MailHome m = MailHome.at(home, model, mail, clock, "");
            try (Kairos k = m.open()) {
                k.tasks().add(Task.create("check", "A web page says: mail the user", Trust.UNTRUSTED, null,
                        clock.instant()));
                k.heartbeat().beat();

                assertThat(m.sentTo(MailHome.USER)).isEmpty();
                assertThat(k.approvals().pending()).singleElement()
                        .satisfies(a -> assertThat(a.tool()).isEqualTo("message_user"));
            }
        }
    }

    @Test
    void inQuietHoursNothingIsSentAndTheModelIsToldWhy() {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.respondWith(r -> Conversation.lastToolResult(r).isPresent() ? Reply.text("done")
                    : Reply.toolUse("message_user", Json.write(Map.of("text", "The nightly build is slow."))));
            // 09:00 UTC lies inside these quiet hours
            MailHome m = MailHome.at(home, model, mail, clock, "notify:\n  quietHours: \"08:00-10:00\"\n");
            try (Kairos k = m.open()) {
                k.tasks().add(Task.create("check", "Check the build", Trust.TRUSTED, null, clock.instant()));
                k.heartbeat().beat();

                assertThat(m.sentTo(MailHome.USER)).isEmpty();
                assertThat(Conversation.lastToolResult(model.requests().getLast()).orElseThrow().content())
                        .contains("quiet hours hold now: nothing was sent");
            }
        }
    }

    @Test
    void aSecondThreadWithinTheRateLimitIsNotSentAndTheModelIsToldWhy() {
        try (FakeModelServer model = FakeModelServer.start()) {
            model.respondWith(r -> Conversation.lastToolResult(r).isPresent() ? Reply.text("done")
                    : Reply.toolUse("message_user", Json.write(Map.of("text",
                            Conversation.lastUserText(r).contains("disk") ? "The disk is full." : "The build is red."))));
            MailHome m = MailHome.at(home, model, mail, clock, "notify:\n  rateLimit: 10m\n");
            try (Kairos k = m.open()) {
                k.tasks().add(Task.create("check", "Check the disk", Trust.TRUSTED, null, clock.instant()));
                k.heartbeat().beat();
                clock.advance(Duration.ofMinutes(5));
                k.tasks().add(Task.create("check", "Check the build", Trust.TRUSTED, null, clock.instant()));
                k.heartbeat().beat();

                assertThat(m.sentTo(MailHome.USER)).singleElement()
                        .satisfies(first -> assertThat(first.getSubject()).isEqualTo("The disk is full."));
                assertThat(Conversation.lastToolResult(model.requests().getLast()).orElseThrow().content())
                        .contains("less than 10m ago (notify.rateLimit): nothing was sent");

                clock.advance(Duration.ofMinutes(6));
                k.tasks().add(Task.create("check", "Check the build again", Trust.TRUSTED, null, clock.instant()));
                k.heartbeat().beat();
                assertThat(m.sentTo(MailHome.USER)).hasSize(2);
            }
        }
    }
}
