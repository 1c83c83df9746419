package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.Kairos;
import dev.kairos.config.ConfigReader;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.RecordedRequest;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A turn offers only the tools that can run in its session: the user's chat has a channel, so `reply` is offered;
 * a proactive task has none, so it is not (and a call to it is refused as unknown). Each kind of session offers the
 * same list every time, so the cached prefix stays the same.
 */
class ToolsAreOfferedOnlyWhereTheyCanRunTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void replyIsOfferedInTheChatButNotInATaskWithoutAChannel() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = ScriptedModelHome.at(home, server).init(clock).env();
            assertThat(CliRun.run(env, clock, "chat", "hello").exitCode()).isZero();
            List<String> chat = tools(server.lastRequest());

            server.respondWith(r -> Conversation.lastToolResult(r).isEmpty()
                    ? Reply.toolUse("reply", "{\"text\":\"Booked.\"}") : Reply.text("Done."));
            try (Kairos k = Kairos.open(ConfigReader.read(home, env), env, clock, Kairos.Mode.ONE_BEAT)) {
                for (String id : List.of("m1", "m2")) {
                    k.inbox().add(Event.observed("mail", "message.received", id, clock.instant(), Trust.TRUSTED,
                            "mail from the user: book the room (" + id + ")", "{}"));
                }
                assertThat(k.heartbeat().beat().modelCalls()).isEqualTo(4);
            }
            List<RecordedRequest> tasks = server.requests().subList(1, 5);

            assertThat(chat).contains("reply", "schedule", "notify_user", "remember", "memory_search", "run_command");
            List<String> withoutReply = new ArrayList<>(chat);
            withoutReply.remove("reply");
            assertThat(tasks).allSatisfy(r -> assertThat(tools(r)).as("a task's tools, in the chat's order")
                    .isEqualTo(withoutReply));
            assertThat(tasks.get(0).body().get("tools")).as("the same prefix for every task")
                    .isEqualTo(tasks.get(2).body().get("tools"));
            var refused = Conversation.lastToolResult(tasks.get(1)).orElseThrow();
            assertThat(refused.isError()).isTrue();
            assertThat(refused.content()).contains("there is no tool named reply");
        }
    }

    private static List<String> tools(RecordedRequest r) {
        List<String> names = new ArrayList<>();
        for (JsonNode t : r.body().path("tools")) names.add(t.path("name").asText());
        return names;
    }
}
