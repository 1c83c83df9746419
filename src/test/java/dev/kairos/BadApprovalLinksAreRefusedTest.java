package dev.kairos;

import static dev.kairos.PhoneHome.COUNTED;
import static dev.kairos.PhoneHome.action;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.notify.Notification;
import dev.kairos.policy.Approval;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.SettableClock;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link that is forged, replayed, expired, or the Deny link of an approval already approved, gets 403; nothing is
 * decided and nothing runs that was not approved.
 */
class BadApprovalLinksAreRefusedTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void aForgedLinkIsRefused() throws Exception {
        try (FakeModelServer server = FakeModelServer.start(); PhoneHome h = PhoneHome.start(home, clock, server)) {
            Notification first = asked(h, "alice");
            Notification second = asked(h, "bob");
            URI approve = action(first, "Approve");
            String sig = approve.getQuery().substring("sig=".length());
            String flipped = (sig.charAt(0) == 'A' ? 'B' : 'A') + sig.substring(1);
            long id = id(approve);

            assertThat(h.send("POST", link(approve, id, "approve", flipped)).status()).isEqualTo(403);
            assertThat(h.send("POST", link(approve, id, "approve", "")).status()).isEqualTo(403);
            assertThat(h.send("POST", link(approve, id(action(second, "Approve")), "approve", sig)).status())
                    .as("one approval's signature does not decide another").isEqualTo(403);
            assertThat(h.send("POST", link(approve, id, "deny", sig)).status())
                    .as("the Approve signature does not deny").isEqualTo(403);
            assertThat(h.send("POST", link(approve, 999, "approve", sig)).status()).isEqualTo(403);

            h.beat();
            assertThat(h.kairos.approvals().pending()).hasSize(2);
            assertThat(h.runs()).isZero();
        }
    }

    @Test
    void aReplayedLinkIsRefused() throws Exception {
        try (FakeModelServer server = FakeModelServer.start(); PhoneHome h = PhoneHome.start(home, clock, server)) {
            URI deny = action(asked(h, "alice"), "Deny");
            assertThat(h.send("POST", deny).status()).isEqualTo(200);
            assertThat(h.send("POST", deny).status()).isEqualTo(403);
            assertThat(h.kairos.approvals().find(id(deny)).orElseThrow().state()).isEqualTo(Approval.State.DENIED);
            clock.advance(Duration.ofMinutes(1));
            h.beat();
            assertThat(h.runs()).isZero();
        }
    }

    @Test
    void anExpiredLinkIsRefused() throws Exception {
        try (FakeModelServer server = FakeModelServer.start(); PhoneHome h = PhoneHome.start(home, clock, server)) {
            URI approve = action(asked(h, "alice"), "Approve");
            clock.advance(Duration.ofHours(24)); // policy.approvalTtl
            assertThat(h.send("GET", approve).status()).isEqualTo(403);
            assertThat(h.send("POST", approve).status()).isEqualTo(403);
            assertThat(h.kairos.approvals().find(id(approve)).orElseThrow().state()).isEqualTo(Approval.State.EXPIRED);
            h.beat();
            assertThat(h.runs()).isZero();
        }
    }

    @Test
    void theDenyLinkOfAnApprovedApprovalIsRefused() throws Exception {
        try (FakeModelServer server = FakeModelServer.start(); PhoneHome h = PhoneHome.start(home, clock, server)) {
            Notification n = asked(h, "alice");
            assertThat(h.send("POST", action(n, "Approve")).status()).isEqualTo(200);
            assertThat(h.send("POST", action(n, "Deny")).status()).isEqualTo(403);
            assertThat(h.kairos.approvals().find(id(action(n, "Deny"))).orElseThrow().state())
                    .isEqualTo(Approval.State.APPROVED);
            clock.advance(Duration.ofMinutes(1));
            h.beat();
            assertThat(h.runs()).as("approved once, it runs once").isEqualTo(1);
        }
    }

    /** A message whose task asks to run the command; returns the approval's notification. */
    private Notification asked(PhoneHome h, String from) {
        int before = h.approvalNotices().size();
        h.message(from, "please run '" + COUNTED + "'");
        h.beat();
        assertThat(h.approvalNotices()).hasSize(before + 1);
        return h.approvalNotices().getLast();
    }

    private static long id(URI link) {
        return Long.parseLong(link.getPath().split("/")[2]);
    }

    private static URI link(URI like, long id, String decision, String sig) {
        return URI.create(like.getScheme() + "://" + like.getHost() + "/approvals/" + id + "/" + decision + "?sig="
                + sig);
    }
}
