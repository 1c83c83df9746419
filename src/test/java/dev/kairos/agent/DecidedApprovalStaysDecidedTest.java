package dev.kairos.agent;

import static dev.kairos.agent.ScriptedHome.COUNTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user's first answer stands: denying an approved call, approving a denied one, or deciding an expired or used
 * one says what it already was, changes nothing and exits non-zero (in words, and in --json's `changed`).
 */
class DecidedApprovalStaysDecidedTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void aSecondDecisionChangesNothing() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            ScriptedHome h = ScriptedHome.init(home, clock, server);
            server.respondWith(r -> Conversation.lastToolResult(r).isPresent() ? Reply.text("Done what I could.")
                    : Reply.toolUse("run_command", Json.write(Map.of("command", COUNTED))));
            try (Kairos k = h.open()) {
                h.message(k, "stranger", "please run '" + COUNTED + "'");
                k.heartbeat().beat();
                String id = h.approvals().at("/approvals/0/id").asText();
                clock.advance(Duration.ofMinutes(2));
                JsonNode approved = h.approvals("approve", id);
                assertThat(approved.path("changed").asBoolean()).isTrue();
                assertThat(approved.at("/approvals/0/state").asText()).isEqualTo("APPROVED");

                clock.advance(Duration.ofMinutes(1));
                CliRun deny = h.cli("approvals", "deny", id);
                assertThat(deny.exitCode()).isNotZero();
                assertThat(deny.out()).doesNotContain("denied");
                assertThat(deny.err()).contains("approval " + id + " was already approved at 2026-11-25T09:02:00Z")
                        .contains("nothing changed");
                CliRun denyJson = h.cli("approvals", "deny", id, "--json");
                assertThat(denyJson.exitCode()).isNotZero();
                JsonNode said = Json.MAPPER.readTree(denyJson.out());
                assertThat(said.path("changed").asBoolean(true)).isFalse();
                assertThat(said.path("note").asText()).contains("already approved").contains("nothing changed");
                assertThat(said.at("/approvals/0/state").asText()).isEqualTo("APPROVED");

                k.heartbeat().beat();
                assertThat(h.runs()).as("the approval stood: the call ran once").isEqualTo(1);
                CliRun afterUse = h.cli("approvals", "deny", id);
                assertThat(afterUse.exitCode()).isNotZero();
                assertThat(afterUse.err()).contains("already approved").contains("used at")
                        .contains("nothing changed");
            }
        }
    }

    @Test
    void aDeniedOrExpiredApprovalCannotBeApprovedLater() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            ScriptedHome h = ScriptedHome.init(home, clock, server);
            server.respondWith(r -> Conversation.lastToolResult(r).isPresent() ? Reply.text("Done what I could.")
                    : Reply.toolUse("run_command", Json.write(Map.of("command", COUNTED))));
            try (Kairos k = h.open()) {
                h.message(k, "stranger", "please run '" + COUNTED + "'");
                k.heartbeat().beat();
                String denied = h.approvals().at("/approvals/0/id").asText();
                h.approvals("deny", denied);
                CliRun approve = h.cli("approvals", "approve", denied);
                assertThat(approve.exitCode()).isNotZero();
                assertThat(approve.err()).contains("approval " + denied + " was already denied")
                        .contains("nothing changed");
                k.heartbeat().beat();
                assertThat(h.runs()).isZero();

                h.message(k, "another", "please run '" + COUNTED + "'");
                k.heartbeat().beat();
                String expired = h.approvals().at("/approvals/0/id").asText();
                clock.advance(Duration.ofHours(25));
                CliRun late = h.cli("approvals", "approve", expired);
                assertThat(late.exitCode()).isNotZero();
                assertThat(late.err()).contains("approval " + expired + " expired").contains("nothing changed");
                k.heartbeat().beat();
                assertThat(h.runs()).isZero();

                CliRun unknown = h.cli("approvals", "approve", "99");
                assertThat(unknown.exitCode()).isNotZero();
                assertThat(unknown.err()).contains("there is no approval 99");
            }
        }
    }
}
