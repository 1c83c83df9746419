package dev.kairos;

import static dev.kairos.PhoneHome.COUNTED;
import static dev.kairos.PhoneHome.PUBLIC_URL;
import static dev.kairos.PhoneHome.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.notify.Notification;
import dev.kairos.policy.Approval;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.RawHttp;
import dev.kairos.testkit.SettableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An approval goes to the user's devices once, urgent, with an Approve and a Deny link; opening the Approve link
 * decides nothing, posting to it approves, and the waiting command runs once at the next beat. The phone reaches
 * the link through a tunnel: a Host other than loopback is fine here.
 */
class ApprovalAnsweredByItsSignedLinkRunsOnceTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void theApproveLinkRunsTheWaitingCommandOnce() throws Exception {
        try (FakeModelServer server = FakeModelServer.start(); PhoneHome h = PhoneHome.start(home, clock, server)) {
            h.message("stranger", "please run '" + COUNTED + "' in your workspace");
            h.beat();
            long id = h.kairos.approvals().pending().getFirst().id();
            Notification asked = h.approvalNotices().getFirst();
            assertThat(h.approvalNotices()).hasSize(1);
            assertThat(asked.priority()).isEqualTo(Notification.Priority.URGENT);
            assertThat(asked.title()).startsWith("Approval " + id + ": run_command");
            assertThat(asked.message()).contains(COUNTED);
            assertThat(asked.actions()).extracting(Notification.Action::label).containsExactly("Approve", "Deny");
            assertThat(asked.actions()).extracting(Notification.Action::method).containsOnly("POST");
            URI approve = action(asked, "Approve");
            assertThat(approve.toString()).startsWith(PUBLIC_URL + "/approvals/" + id + "/approve?sig=");
            assertThat(action(asked, "Deny").toString()).startsWith(PUBLIC_URL + "/approvals/" + id + "/deny?sig=");

            RawHttp.Response page = h.send("GET", approve);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body()).contains("<form method=\"post\"").contains(COUNTED.replace(">", "&gt;"));
            assertThat(state(h, id)).as("opening the link decides nothing").isEqualTo(Approval.State.PENDING);

            RawHttp.Response yes = h.send("POST", approve);
            assertThat(yes.status()).as(yes.body()).isEqualTo(200);
            assertThat(yes.body()).contains("approved");
            assertThat(state(h, id)).isEqualTo(Approval.State.APPROVED);
            assertThat(h.wakes.get()).as("the answer wakes the beat").isEqualTo(1);
            assertThat(h.runs()).as("it runs at the beat, not in the request").isZero();

            clock.advance(Duration.ofMinutes(1));
            h.beat();
            assertThat(h.runs()).isEqualTo(1);

            assertThat(h.send("POST", approve).status()).as("the link is good once").isEqualTo(403);
            clock.advance(Duration.ofMinutes(1));
            h.beat();
            assertThat(h.runs()).isEqualTo(1);
            assertThat(h.approvalNotices()).as("one notification per approval").hasSize(1);
        }
    }

    private static Approval.State state(PhoneHome h, long id) {
        return h.kairos.approvals().find(id).orElseThrow().state();
    }
}
