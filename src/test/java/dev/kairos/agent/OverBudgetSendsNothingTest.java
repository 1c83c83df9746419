package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.config.ConfigReader;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.heartbeat.Task;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Under the daily token budget, the ledger records each call's input, output, cache-write and cache-read tokens as
 * the provider reported them, and their price. Once the budget is spent, neither a chat nor a task sends anything:
 * the chat says why in one line, the task waits (told once in the journal) and runs the next day.
 */
class OverBudgetSendsNothingTest {
    private static final String MODEL = "anthropic/claude-sonnet-4-5";

    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void theLedgerRecordsWhatTheProviderReportedThenASpentBudgetStopsChatsAndTasks() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = ScriptedModelHome.at(home, server).with("KAIROS_MODEL", MODEL)
                    .init(clock).config("timezone: UTC\nbudget:\n  dailyTokens: 10000\n").env();

            server.enqueue(Reply.text("Noted.").usage(1_200, 345, 2_000, 5_000));
            assertThat(chat(env, "note that the release is on Friday").exitCode()).isZero();
            JsonNode day = costs(env).at("/days/0");
            assertThat(day.get("inputTokens").asLong()).isEqualTo(1_200);
            assertThat(day.get("outputTokens").asLong()).isEqualTo(345);
            assertThat(day.get("cacheWriteTokens").asLong()).isEqualTo(2_000);
            assertThat(day.get("cacheReadTokens").asLong()).isEqualTo(5_000);
            // claude-sonnet-4-5: $3 in, $15 out, $3.75 cache write, $0.30 cache read per million tokens
            assertThat(day.get("costUsd").asDouble()).isCloseTo(0.017775, within(1e-9));
            assertThat(day.at("/byModel/" + MODEL.replace("/", "~1") + "/calls").asInt()).isEqualTo(1);
            assertThat(day.at("/byKind/chat/calls").asInt()).isEqualTo(1);

            server.enqueue(Reply.text("Sure.").usage(1_000, 500, 0, 0)); // 10,045 of 10,000: spent
            assertThat(chat(env, "and the retro on Monday").exitCode()).isZero();
            int sent = server.requestCount();

            CliRun refused = chat(env, "what is on this week?");
            assertThat(server.requestCount()).as("nothing reaches the provider").isEqualTo(sent);
            assertThat(refused.exitCode()).isEqualTo(1);
            assertThat(refused.out()).isEmpty();
            assertThat(refused.err()).endsWith("\n").doesNotContain("Exception");
            assertThat(refused.err().strip()).startsWith("kairos: ").doesNotContain("\n")
                    .contains("budget is spent (10045 of 10000)").contains("kairos.yaml");

            try (Kairos k = Kairos.open(ConfigReader.read(home, env), env, clock, Kairos.Mode.ONE_BEAT)) {
                k.inbox().add(Event.observed("mail", "message.received", "m1", clock.instant(), Trust.TRUSTED,
                        "mail from the user: book the room", "{}"));
                assertThat(k.heartbeat().beat().modelCalls()).isZero();
                clock.advance(Duration.ofMinutes(30));
                k.inbox().add(Event.observed("mail", "message.received", "m2", clock.instant(), Trust.TRUSTED,
                        "mail from the user: and the projector", "{}"));
                assertThat(k.heartbeat().beat().modelCalls()).isZero();
                assertThat(server.requestCount()).as("tasks send nothing either").isEqualTo(sent);
                assertThat(k.tasks().inState(Task.State.PENDING)).hasSize(2);
                assertThat(Files.readAllLines(home.resolve("memory/journal/2026-11-25.md")))
                        .filteredOn(l -> l.contains("over budget")).as("told once, not every beat")
                        .singleElement().asString().contains("10045 of 10000");

                server.respondWith(r -> Reply.text("Done.").usage(100, 10, 0, 0));
                clock.set(Instant.parse("2026-11-26T07:00:00Z"));
                assertThat(k.heartbeat().beat().modelCalls()).as("a new day, a new budget").isEqualTo(2);
                assertThat(k.tasks().inState(Task.State.DONE)).hasSize(2);
            }
        }
    }

    @Test
    void aChatThatSpendsTheBudgetMidwayStopsAndSaysWhatItDid() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = ScriptedModelHome.at(home, server).with("KAIROS_MODEL", MODEL)
                    .init(clock).config("timezone: UTC\nbudget:\n  dailyTokens: 10000\n").env();
            server.enqueue(Reply.toolUse("write_file", "{\"path\":\"notes.txt\",\"content\":\"Friday\\n\"}")
                    .usage(9_000, 1_500, 0, 0));

            CliRun chat = CliRun.run(env, clock, "chat", "--json", "write down that the release is on Friday");

            assertThat(server.requestCount()).as("the second step is not sent").isEqualTo(1);
            assertThat(home.resolve("notes.txt")).as("the first step's tool ran").hasContent("Friday");
            JsonNode reply = Json.MAPPER.readTree(chat.out());
            assertThat(reply.get("modelCalls").asInt()).as("what was spent is reported").isEqualTo(1);
            assertThat(reply.get("inputTokens").asLong()).isEqualTo(9_000);
            assertThat(reply.get("note").asText()).startsWith("stopped midway: ").contains("budget is spent");
            assertThat(Files.readString(home.resolve("memory/journal/2026-11-25.md")))
                    .as("the exchange is kept: it did something").contains("write down that the release is on Friday");
        }
    }

    private CliRun chat(Map<String, String> env, String message) {
        return CliRun.run(env, clock, "chat", message);
    }

    private JsonNode costs(Map<String, String> env) throws Exception {
        CliRun run = CliRun.run(env, clock, "costs", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return Json.MAPPER.readTree(run.out());
    }
}
