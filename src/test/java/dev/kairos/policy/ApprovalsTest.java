package dev.kairos.policy;

import static dev.kairos.policy.Calls.command;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.store.Store;
import dev.kairos.testkit.SettableClock;
import dev.kairos.tool.Risk;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApprovalsTest {
    @TempDir Path home;
    final SettableClock clock = SettableClock.at("2026-11-25T10:00:00Z");
    Store store;
    Approvals approvals;

    @BeforeEach
    void setUp() {
        store = Store.open(home.resolve("state.db"));
        approvals = new Approvals(store.jdbi(), clock, Duration.ofHours(24));
    }

    @Test
    void aRequestWaitsUntilApproved() {
        Approval a = approvals.request(7L, command("ls -la"), "needs approval: ls -la");
        assertThat(a.state()).isEqualTo(Approval.State.PENDING);
        assertThat(a.createdAt()).isEqualTo(Instant.parse("2026-11-25T10:00:00Z"));
        assertThat(a.expiresAt()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(a.taskId()).isEqualTo(7L);
        assertThat(a.tool()).isEqualTo("run_command");
        assertThat(a.input().path("command").asText()).isEqualTo("ls -la");
        assertThat(a.reason()).isEqualTo("needs approval: ls -la");
        assertThat(a.granted()).isFalse();
        assertThat(approvals.pending()).containsExactly(a);

        clock.advance(Duration.ofMinutes(5));
        Approval approved = approvals.approve(a.id()).orElseThrow().approval();
        assertThat(approved.state()).isEqualTo(Approval.State.APPROVED);
        assertThat(approved.granted()).isTrue();
        assertThat(approved.decidedAt()).isEqualTo(Instant.parse("2026-11-25T10:05:00Z"));
        assertThat(approvals.pending()).isEmpty();
        Approvals.Decided again = approvals.deny(a.id()).orElseThrow();
        assertThat(again.changed()).isFalse();
        assertThat(again.approval().state()).isEqualTo(Approval.State.APPROVED);
        assertThat(approvals.latest(7L, command("ls -la")).orElseThrow()).isEqualTo(approved);
    }

    @Test
    void aDeniedRequestStaysDenied() {
        Approval a = approvals.request(null, command("ls"), "why");
        assertThat(a.taskId()).isNull();
        assertThat(approvals.deny(a.id()).orElseThrow().approval().state()).isEqualTo(Approval.State.DENIED);
        assertThat(approvals.approve(a.id()).orElseThrow().changed()).isFalse();
        assertThat(approvals.find(a.id()).orElseThrow().state()).isEqualTo(Approval.State.DENIED);
    }

    @Test
    void expiryMeansNo() {
        Approval a = approvals.request(1L, command("make deploy"), "why");
        clock.advance(Duration.ofHours(24));
        assertThat(approvals.pending()).isEmpty();
        Approval expired = approvals.find(a.id()).orElseThrow();
        assertThat(expired.state()).isEqualTo(Approval.State.EXPIRED);
        assertThat(expired.decidedAt()).isEqualTo(a.expiresAt());
        assertThat(approvals.approve(a.id()).orElseThrow().approval().granted()).isFalse();
        assertThat(approvals.find(a.id()).orElseThrow().state()).isEqualTo(Approval.State.EXPIRED);
    }

    @Test
    void expiryIsCountedByExpireDue() {
        approvals.request(1L, command("a"), "why");
        approvals.request(1L, command("b"), "why");
        clock.advance(Duration.ofHours(23));
        approvals.request(1L, command("c"), "why");
        assertThat(approvals.expireDue()).isZero();
        clock.advance(Duration.ofHours(1));
        assertThat(approvals.expireDue()).isEqualTo(2);
        assertThat(approvals.pending()).extracting(p -> p.input().path("command").asText()).containsExactly("c");
    }

    @Test
    void theSameCallAskedTwiceIsOneRequest() {
        ObjectNode in1 = JsonNodeFactory.instance.objectNode().put("path", "a.txt").put("content", "x");
        ObjectNode in2 = JsonNodeFactory.instance.objectNode().put("content", "x").put("path", "a.txt");
        Approval first = approvals.request(3L, new ToolCallRequest("write_file", Risk.WRITE, in1), "why");
        Approval again = approvals.request(3L, new ToolCallRequest("write_file", Risk.WRITE, in2), "why");
        assertThat(again.id()).isEqualTo(first.id());
        assertThat(approvals.request(4L, new ToolCallRequest("write_file", Risk.WRITE, in1), "why").id())
                .isNotEqualTo(first.id());
        assertThat(approvals.pending()).hasSize(2);
    }

    @Test
    void aYesIsUsedOnceForExactlyItsCall() {
        Approval a = approvals.request(5L, command("make deploy"), "why");
        assertThat(approvals.use(5L, command("make deploy"))).as("pending: not yet").isEmpty();
        approvals.approve(a.id());
        assertThat(approvals.use(6L, command("make deploy"))).as("another task's").isEmpty();
        assertThat(approvals.use(5L, command("make deploy --force"))).as("another call").isEmpty();
        clock.advance(Duration.ofMinutes(1));
        Approval used = approvals.use(5L, command("make deploy")).orElseThrow();
        assertThat(used.id()).isEqualTo(a.id());
        assertThat(used.usedAt()).isEqualTo(Instant.parse("2026-11-25T10:01:00Z"));
        assertThat(used.granted()).isFalse();
        assertThat(approvals.use(5L, command("make deploy"))).as("used up").isEmpty();
        assertThat(approvals.settle(a.id())).isFalse();
        assertThat(approvals.request(5L, command("make deploy"), "why").id()).as("a repeat asks anew")
                .isNotEqualTo(a.id());
    }

    @Test
    void aChatsApprovalIsNeverReusedAndBecomesItsTasks() {
        Approval a = approvals.request(null, command("ls"), "why");
        approvals.approve(a.id());
        assertThat(approvals.use(null, command("ls"))).isEmpty();
        approvals.adopt(java.util.List.of(a.id()), 9L);
        approvals.adopt(java.util.List.of(a.id()), 10L);
        assertThat(approvals.find(a.id()).orElseThrow().taskId()).isEqualTo(9L);
        assertThat(approvals.unsettled(9L)).extracting(Approval::id).containsExactly(a.id());
        assertThat(approvals.use(9L, command("ls"))).isPresent();
        assertThat(approvals.unsettled(9L)).isEmpty();
    }

    @Test
    void onlyPendingApprovalsKeepTheirTasksAsking() {
        approvals.request(1L, command("a"), "why");
        Approval b = approvals.request(2L, command("b"), "why");
        approvals.request(3L, command("c"), "why");
        approvals.deny(b.id());
        clock.advance(Duration.ofHours(1));
        approvals.request(3L, command("d"), "why");
        assertThat(approvals.tasksAsking()).containsExactlyInAnyOrder(1L, 3L);
        clock.advance(Duration.ofHours(23));
        assertThat(approvals.tasksAsking()).containsExactly(3L);
    }

    @Test
    void unknownIdsAreEmptyAndApprovalsSurviveAReopen() {
        assertThat(approvals.approve(999)).isEmpty();
        assertThat(approvals.find(999)).isEmpty();
        Approval a = approvals.request(1L, command("ls"), "why");
        Approvals reopened = new Approvals(Store.open(home.resolve("state.db")).jdbi(), clock, Duration.ofHours(24));
        assertThat(reopened.pending()).containsExactly(a);
    }
}
