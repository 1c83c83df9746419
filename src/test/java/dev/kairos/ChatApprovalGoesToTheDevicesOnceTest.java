package dev.kairos;

import static dev.kairos.PhoneHome.COUNTED;
import static dev.kairos.PhoneHome.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.notify.Notification;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An approval a chat asked for (no task yet when it was made) goes to the devices at the next beat, once, across
 * beats and restarts; approved by its link, the chat resumes at the next beat and the command runs once.
 */
class ChatApprovalGoesToTheDevicesOnceTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void aChatsApprovalIsSentOnceAndItsLinkResumesTheChat() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            Notification asked;
            try (PhoneHome h = PhoneHome.start(home, clock, server)) {
                h.kairos.agent().orElseThrow().chat("append to the log, please");
                assertThat(h.kairos.approvals().pending()).hasSize(1);
                assertThat(h.approvalNotices()).as("sent at the beat, not by the chat").isEmpty();

                h.beat();
                h.beat();
                assertThat(h.approvalNotices()).hasSize(1);
                asked = h.approvalNotices().getFirst();
            }
            clock.advance(Duration.ofMinutes(1));
            try (PhoneHome again = PhoneHome.start(home, clock, server)) {
                again.beat();
                assertThat(again.notifier.received()).as("a restart does not send it again").isEmpty();

                assertThat(again.send("POST", action(asked, "Approve")).status()).isEqualTo(200);
                again.beat();
                assertThat(again.runs()).isEqualTo(1);
                assertThat(Conversation.lastUserText(server.lastRequest())).as("the chat resumed with the decision")
                        .contains("approved by the user");
                again.beat();
                assertThat(again.runs()).isEqualTo(1);
                assertThat(again.kairos.approvals().pending()).isEmpty();
            }
        }
    }
}
