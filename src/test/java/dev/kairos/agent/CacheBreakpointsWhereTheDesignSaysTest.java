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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Context assembly as DESIGN.md §1.9 and §3.4 want it, seen on the wire. Anthropic: the stable prefix (instructions,
 * AGENTS.md, the memory index; the tools come before it in Anthropic's cache order) ends in a breakpoint and is
 * byte-identical from call to call and hour to hour; the time and the task come after it; in a tool loop the
 * breakpoint moves to the conversation's last message; never more than 4 breakpoints; a check, mostly one call,
 * marks nothing until a second call. OpenAI: a prompt_cache_key per session kind.
 */
class CacheBreakpointsWhereTheDesignSaysTest {
    private static final String AGENTS_MARK = "Prefers tabs over spaces (agents-mark-7f3).";
    private static final String INDEX_MARK = "- [Billing](topics/project.md): the billing service (index-mark-2c9)";

    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void anthropicChatCachesTheStablePrefixAndTheConversationSoFar() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = ScriptedModelHome.at(home, server).env();
            init(env);
            server.enqueue(Reply.text("Hi."));
            assertThat(CliRun.run(env, clock, "chat", "hello").exitCode()).isZero();
            clock.advance(Duration.ofMinutes(10));
            server.enqueue(Reply.toolUse("read_file", "{\"path\":\"AGENTS.md\"}"));
            server.enqueue(Reply.toolUse("list_files", "{\"path\":\".\"}"));
            server.enqueue(Reply.text("Read them."));
            assertThat(CliRun.run(env, clock, "chat", "read your notes").exitCode()).isZero();

            List<RecordedRequest> requests = server.requests();
            assertThat(requests).hasSize(4);
            JsonNode first = requests.getFirst().body();
            for (RecordedRequest r : requests) {
                JsonNode body = r.body();
                assertThat(Conversation.cacheBreakpoints(body)).isBetween(1, 4);
                JsonNode system = body.get("system");
                assertThat(system.get(system.size() - 1).get("cache_control").get("type").asText())
                        .isEqualTo("ephemeral");
                assertThat(system.toString()).contains("You are Kairos").contains(AGENTS_MARK).contains(INDEX_MARK)
                        .doesNotContain("Now:").doesNotContain("hello").doesNotContain("read your notes");
                assertThat(body.get("tools")).isNotEmpty();
                assertThat(body.get("tools").findValues("cache_control")).isEmpty();
                assertThat(system).as("the prefix does not move with time or turns").isEqualTo(first.get("system"));
                assertThat(body.get("tools")).isEqualTo(first.get("tools"));
                assertThat(markedMessages(body)).as("the last message is marked")
                        .contains(body.get("messages").size() - 1);
            }
            assertThat(Conversation.lastUserText(requests.get(1)))
                    .contains("Now: Wednesday 2026-11-25 09:10").endsWith("read your notes");

            // the second chat: its window ("hello", "Hi.") keeps its mark; the tool loop moves the last one along
            JsonNode step1 = requests.get(1).body();
            JsonNode step3 = requests.get(3).body();
            assertThat(step1.at("/messages/1/content/0/text").asText()).isEqualTo("Hi.");
            assertThat(markedMessages(step1)).containsExactly(1, 2);
            assertThat(markedMessages(requests.get(2).body())).containsExactly(1, 4);
            assertThat(markedMessages(step3)).containsExactly(1, 6);
            JsonNode last = step3.get("messages").get(6).get("content");
            assertThat(last.get(last.size() - 1).get("type").asText()).isEqualTo("tool_result");
            assertThat(Conversation.cacheBreakpoints(step3)).isEqualTo(3);
        }
    }

    @Test
    void aCheckMarksNothingUntilItsSecondCall() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = ScriptedModelHome.at(home, server).env();
            init(env);
            server.enqueue(Reply.toolUse("memory_search", "{\"query\":\"billing\"}"));
            server.enqueue(Reply.text("Nothing needs you."));
            try (Kairos k = Kairos.open(ConfigReader.read(home, env), env, clock, Kairos.Mode.ONE_BEAT)) {
                k.inbox().add(Event.observed("schedule", "check.due", "c1", clock.instant(), Trust.TRUSTED,
                        "look at the billing service", "{}"));
                assertThat(k.heartbeat().beat().modelCalls()).isEqualTo(2);
            }
            List<RecordedRequest> requests = server.requests();
            // a check mostly answers in one call: a cache write then would be paid for nothing
            assertThat(Conversation.cacheBreakpoints(requests.get(0).body())).isZero();
            JsonNode second = requests.get(1).body();
            JsonNode system = second.get("system");
            assertThat(system.get(system.size() - 1).has("cache_control")).isTrue();
            assertThat(markedMessages(second)).containsExactly(second.get("messages").size() - 1);
        }
    }

    @Test
    void openAiRequestsCarryACacheKeyPerSessionKind() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = Map.of("KAIROS_HOME", home.toString(), "KAIROS_TIMEZONE", "UTC",
                    "KAIROS_MODEL", "openai/gpt-4.1-mini", "OPENAI_BASE_URL", server.baseUrl() + "/v1",
                    "OPENAI_API_KEY", "k");
            init(env);
            try (Kairos k = Kairos.open(ConfigReader.read(home, env), env, clock, Kairos.Mode.ONE_BEAT)) {
                k.agent().orElseThrow().chat("hello");
                k.inbox().add(Event.observed("mail", "message.received", "m1", clock.instant(), Trust.TRUSTED,
                        "mail from the user: lunch at one?", "{}"));
                assertThat(k.heartbeat().beat().modelCalls()).isEqualTo(1);
            }
            List<RecordedRequest> requests = server.requests();
            assertThat(requests).extracting(r -> r.body().path("prompt_cache_key").asText())
                    .containsExactly("kairos:chat", "kairos:task:reply");
            for (RecordedRequest r : requests) {
                JsonNode system = r.body().at("/messages/0");
                assertThat(system.get("role").asText()).isIn("system", "developer");
                assertThat(system.get("content").asText()).contains(AGENTS_MARK).contains(INDEX_MARK)
                        .doesNotContain("Now:");
            }
            assertThat(requests.get(0).body().at("/messages/0")).isEqualTo(requests.get(1).body().at("/messages/0"));
        }
    }

    private void init(Map<String, String> env) throws Exception {
        assertThat(CliRun.run(env, clock, "init").exitCode()).isZero();
        Files.writeString(home.resolve("AGENTS.md"), "\n" + AGENTS_MARK + "\n", StandardOpenOption.APPEND);
        Files.writeString(home.resolve("memory/MEMORY.md"), "\n" + INDEX_MARK + "\n", StandardOpenOption.APPEND);
    }

    /** The indexes of the messages whose last block carries cache_control. */
    private static List<Integer> markedMessages(JsonNode body) {
        List<Integer> marked = new ArrayList<>();
        JsonNode messages = body.get("messages");
        for (int i = 0; i < messages.size(); i++) {
            JsonNode content = messages.get(i).get("content");
            if (content.isArray() && content.get(content.size() - 1).has("cache_control")) marked.add(i);
        }
        return marked;
    }
}
