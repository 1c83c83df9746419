package dev.kairos.agent;

import static dev.kairos.agent.ScriptedHome.COUNTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.heartbeat.Task;
import dev.kairos.store.AgentLock;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.RecordedRequest;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.SettableClock;
import dev.kairos.web.WebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chat that needs an approval becomes a task holding the conversation. Approved at the terminal, the call runs
 * once there and the chat's answer is printed; with the agent running, its next beat continues the chat. Either
 * way the answer lands in the user's conversation and the journal. Denied, the call never runs and the model says
 * so.
 */
class ChatApprovalResumesTheChatTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void approvedAtTheTerminalTheCallRunsOnceAndTheAnswerIsPrinted() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            ScriptedHome h = ScriptedHome.init(home, clock, server);
            server.respondWith(ChatApprovalResumesTheChatTest::model);
            CliRun chat = h.cli("chat", "add a line to runs.txt");
            assertThat(chat.exitCode()).as(chat.err()).isZero();
            assertThat(chat.out()).contains("I need your approval first.");
            JsonNode pending = h.approvals().get("approvals");
            String id = pending.at("/0/id").asText();
            assertThat(chat.err()).contains("approval " + id).contains("kairos approvals approve " + id);
            try (Kairos k = h.open()) {
                assertThat(k.tasks().inState(Task.State.WAITING)).singleElement().satisfies(t -> {
                    assertThat(t.kind()).isEqualTo("chat");
                    assertThat(t.id()).isEqualTo(pending.at("/0/taskId").asLong());
                });
            }
            assertThat(h.runs()).isZero();

            clock.advance(Duration.ofMinutes(3));
            CliRun approve = h.cli("approvals", "approve", id);
            assertThat(approve.exitCode()).as(approve.err()).isZero();
            assertThat(approve.out()).contains("Appended one line.");
            assertThat(h.runs()).isEqualTo(1);
            assertThat(journal()).contains("Appended one line.");

            CliRun thanks = h.cli("chat", "thanks");
            assertThat(thanks.out()).contains("You're welcome.");
            assertThat(server.lastRequest().body().toString()).as("the answer is part of the conversation")
                    .contains("Appended one line.");
            assertThat(h.cli("tick").exitCode()).isZero();
            assertThat(h.runs()).as("nothing runs it again").isEqualTo(1);
            try (Kairos k = h.open()) {
                assertThat(k.tasks().inState(Task.State.DONE)).extracting(Task::kind).containsExactly("chat");
            }
        }
    }

    @Test
    void deniedTheCallNeverRunsAndTheModelSaysSo() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            ScriptedHome h = ScriptedHome.init(home, clock, server);
            server.respondWith(ChatApprovalResumesTheChatTest::model);
            assertThat(h.cli("chat", "add a line to runs.txt").exitCode()).isZero();
            String id = h.approvals().at("/approvals/0/id").asText();

            CliRun deny = h.cli("approvals", "deny", id);
            assertThat(deny.exitCode()).as(deny.err()).isZero();
            assertThat(deny.out()).contains("Understood, I left it.");
            assertThat(h.runs()).isZero();
            assertThat(ScriptedHome.said(server.lastRequest())).contains("denied by the user");
            assertThat(h.cli("tick").exitCode()).isZero();
            assertThat(h.runs()).isZero();
            assertThat(journal()).contains("Understood, I left it.");
        }
    }

    @Test
    void withTheAgentRunningItsNextBeatContinuesTheChat() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            ScriptedHome h = ScriptedHome.init(home, clock, server);
            server.respondWith(ChatApprovalResumesTheChatTest::model);
            try (AgentLock running = AgentLock.acquire(home); Kairos daemon = h.open();
                    WebServer web = WebServer.start(0, daemon::status, () -> "{}", new WebServer.Chat(daemon::agent,
                            daemon.store().jdbi(), daemon.ledger(), Optional.empty()))) {
                running.publishPort(web.port()); // as `kairos up` does: the chat goes to the running agent
                CliRun chat = h.cli("chat", "add a line to runs.txt");
                assertThat(chat.exitCode()).as(chat.err()).isZero();
                assertThat(chat.out()).contains("I need your approval first.");
                String id = h.approvals().at("/approvals/0/id").asText();

                CliRun approve = h.cli("approvals", "approve", id);
                assertThat(approve.exitCode()).as(approve.err()).isZero();
                assertThat(approve.out()).contains("next beat").doesNotContain("Appended one line.");
                assertThat(h.runs()).isZero();

                clock.advance(Duration.ofMinutes(1));
                daemon.heartbeat().beat();
                assertThat(h.runs()).isEqualTo(1);
                assertThat(journal()).contains("Appended one line.");
                daemon.heartbeat().beat();
                assertThat(h.runs()).isEqualTo(1);
            }
            assertThat(h.cli("chat", "thanks").exitCode()).isZero();
            assertThat(server.lastRequest().body().toString()).contains("Appended one line.");
        }
    }

    /** Asks for the command when told to touch runs.txt; answers what became of it once the chat resumes. */
    private static Reply model(RecordedRequest r) {
        String said = ScriptedHome.said(r);
        if (said.contains("approved by the user")) return Reply.text("Appended one line.");
        if (said.contains("denied by the user")) return Reply.text("Understood, I left it.");
        if (Conversation.lastToolResult(r).isPresent()) return Reply.text("I need your approval first.");
        if (said.contains("runs.txt")) return Reply.toolUse("run_command", Json.write(Map.of("command", COUNTED)));
        return Reply.text("You're welcome.");
    }

    private String journal() throws Exception {
        return Files.readString(home.resolve("memory/journal/" + LocalDate.of(2026, 11, 25) + ".md"));
    }
}
