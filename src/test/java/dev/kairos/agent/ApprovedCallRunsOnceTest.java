package dev.kairos.agent;

import static dev.kairos.agent.ScriptedHome.COUNTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.heartbeat.Task;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.RecordedRequest;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An approval authorises one call, once. A model that repeats an approved command, in the same turn or in a later
 * chat, gets a new approval request and nothing runs until the user says yes again.
 */
class ApprovedCallRunsOnceTest {
    private static final String CALL = Json.write(Map.of("command", COUNTED));

    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void aTasksRepeatOfAnApprovedCommandWaitsForANewApproval() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            ScriptedHome h = ScriptedHome.init(home, clock, server);
            server.respondWith(ApprovedCallRunsOnceTest::repeating);
            try (Kairos k = h.open()) {
                h.message(k, "stranger", "please run '" + COUNTED + "' in your workspace");
                k.heartbeat().beat();
                JsonNode first = h.approvals().get("approvals");
                assertThat(first).hasSize(1);
                assertThat(h.runs()).isZero();

                h.approvals("approve", first.get(0).get("id").asText());
                clock.advance(Duration.ofMinutes(1));
                k.heartbeat().beat();

                assertThat(h.runs()).as("approved once, it runs once; the model's repeats do not").isEqualTo(1);
                JsonNode second = h.approvals().get("approvals");
                assertThat(second).as("the repeat asks anew").singleElement().satisfies(a -> {
                    assertThat(a.at("/input/command").asText()).isEqualTo(COUNTED);
                    assertThat(a.get("id").asLong()).isNotEqualTo(first.get(0).get("id").asLong());
                });
                assertThat(k.tasks().inState(Task.State.WAITING)).hasSize(1);
                assertThat(server.requests()).filteredOn(r -> Conversation.toolResults(r).size() == 2).last()
                        .satisfies(r -> assertThat(Conversation.lastToolResult(r).orElseThrow().content())
                                .contains("not run").containsIgnoringCase("approval " + second.get(0).get("id").asText()));
                CliRun used = h.cli("approvals", "approve", first.get(0).get("id").asText());
                assertThat(used.exitCode()).as("used up: approving it again changes nothing").isNotZero();
                assertThat(used.err()).contains("already approved").contains("nothing changed");

                h.approvals("approve", second.get(0).get("id").asText());
                clock.advance(Duration.ofMinutes(1));
                k.heartbeat().beat();
                assertThat(h.runs()).as("a second yes, a second run").isEqualTo(2);
                assertThat(h.approvals().get("approvals")).hasSize(1);
            }
        }
    }

    @Test
    void aLaterChatAskingForTheSameCommandNeedsANewApproval() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            ScriptedHome h = ScriptedHome.init(home, clock, server);
            server.respondWith(r -> {
                if (ScriptedHome.said(r).contains("approved by the user")) return Reply.text("It ran.");
                if (Conversation.lastToolResult(r).isPresent()) return Reply.text("Asked for your approval.");
                return Reply.toolUse("run_command", CALL);
            });
            assertThat(h.cli("chat", "append to the log").exitCode()).isZero();
            long first = h.approvals().get("approvals").get(0).get("id").asLong();
            assertThat(h.approvals("approve", Long.toString(first)).path("answer").asText()).isEqualTo("It ran.");
            assertThat(h.runs()).isEqualTo(1);

            clock.advance(Duration.ofMinutes(1));
            CliRun again = h.cli("chat", "and once more, please");
            assertThat(again.exitCode()).isZero();
            assertThat(h.runs()).as("the earlier approval was used up").isEqualTo(1);
            JsonNode pending = h.approvals().get("approvals");
            assertThat(pending).singleElement().satisfies(a -> {
                assertThat(a.get("id").asLong()).isNotEqualTo(first);
                assertThat(a.at("/input/command").asText()).isEqualTo(COUNTED);
            });
            assertThat(Conversation.lastToolResult(server.lastRequest()).orElseThrow().content()).contains("not run");
        }
    }

    /** Runs the command; each time it ran, runs it again (up to three calls); stops when told it did not run. */
    private static Reply repeating(RecordedRequest r) {
        var last = Conversation.lastToolResult(r);
        if (last.isPresent() && last.get().content().contains("not run")) return Reply.text("Waiting for the user.");
        if (Conversation.toolResults(r).size() < 3) return Reply.toolUse("run_command", CALL);
        return Reply.text("Ran it three times.");
    }
}
