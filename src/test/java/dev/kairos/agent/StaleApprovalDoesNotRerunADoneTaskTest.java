package dev.kairos.agent;

import static dev.kairos.agent.ScriptedHome.COUNTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.heartbeat.Task;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An approval left pending by a task that then finished another way (a model error and a rerun that did not need
 * it, or the task's time limit) is stale: deciding it says so and runs nothing; the task is not taken up again.
 */
class StaleApprovalDoesNotRerunADoneTaskTest {
    private static final String CALL = Json.write(Map.of("command", COUNTED));

    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void approvingTheStaleApprovalOfADoneTaskRunsNothing() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            ScriptedHome h = ScriptedHome.init(home, clock, server);
            AtomicInteger calls = new AtomicInteger();
            server.respondWith(r -> switch (calls.incrementAndGet()) {
                case 1 -> Reply.toolUse("run_command", CALL);
                case 2 -> Reply.error(400, "the provider refused this request");
                case 3 -> Reply.text("Nothing needs doing after all.");
                default -> Conversation.lastToolResult(r).isPresent() ? Reply.text("Ran it.")
                        : Reply.toolUse("run_command", CALL);
            });
            try (Kairos k = h.open()) {
                h.message(k, "stranger", "please run '" + COUNTED + "' in your workspace");
                k.heartbeat().beat(); // asks, then the model fails: the task stays queued
                clock.advance(Duration.ofMinutes(1));
                k.heartbeat().beat(); // the rerun finishes without the command
                Task done = k.tasks().inState(Task.State.DONE).getFirst();
                JsonNode stale = h.approvals().get("approvals");
                assertThat(stale).singleElement().satisfies(a -> assertThat(a.get("taskId").asLong())
                        .isEqualTo(done.id()));

                int before = server.requestCount();
                JsonNode decided = h.approvals("approve", stale.get(0).get("id").asText());
                clock.advance(Duration.ofMinutes(1));
                k.heartbeat().beat();

                assertThat(server.requestCount()).as("no model call: the task is not taken up").isEqualTo(before);
                assertThat(h.runs()).isZero();
                assertThat(k.tasks().inState(Task.State.DONE)).extracting(Task::id).containsExactly(done.id());
                assertThat(decided.path("note").asText()).contains("task " + done.id() + " already finished");
            }
        }
    }

    @Test
    void approvingTheApprovalOfATaskThatFailedRunsNothing() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            ScriptedHome h = ScriptedHome.init(home, clock, server);
            AtomicInteger calls = new AtomicInteger();
            server.respondWith(r -> {
                if (calls.incrementAndGet() == 1) {
                    clock.advance(Duration.ofMinutes(6)); // a slow model: past the task's time limit
                    return Reply.toolUse("run_command", CALL);
                }
                return Conversation.lastToolResult(r).isPresent() ? Reply.text("Ran it.")
                        : Reply.toolUse("run_command", CALL);
            });
            try (Kairos k = h.open()) {
                h.message(k, "stranger", "please run '" + COUNTED + "' in your workspace");
                k.heartbeat().beat();
                Task failed = k.tasks().inState(Task.State.FAILED).getFirst();
                JsonNode stale = h.approvals().get("approvals");
                assertThat(stale).hasSize(1);

                JsonNode decided = h.approvals("approve", stale.get(0).get("id").asText());
                clock.advance(Duration.ofMinutes(1));
                k.heartbeat().beat();

                assertThat(server.requestCount()).isEqualTo(1);
                assertThat(h.runs()).isZero();
                assertThat(k.tasks().inState(Task.State.FAILED)).extracting(Task::id).containsExactly(failed.id());
                assertThat(decided.path("note").asText()).contains("task " + failed.id() + " already finished");
            }
        }
    }
}
