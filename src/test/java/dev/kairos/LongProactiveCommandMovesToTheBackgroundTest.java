package dev.kairos;

import dev.kairos.json.Json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.config.ConfigReader;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.heartbeat.BeatReport;
import dev.kairos.heartbeat.Task;
import dev.kairos.testkit.Await;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.Conversation.ToolResultSeen;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Processes;
import dev.kairos.testkit.RecordedRequest;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.SettableClock;
import dev.kairos.tool.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In the running agent, a proactive task's command that outlives its blocking budget is not cut: the call answers
 * at once that it went to the background, the turn goes on, and the command's end comes back as a
 * {@code command.finished} event that the next beat turns into a follow-up task given the output. A job still
 * running when Kairos stops dies with it and is reported at the next start.
 */
class LongProactiveCommandMovesToTheBackgroundTest {
    private static final String SLOW = "sleep 2; echo done-marker";
    /** A command that would outlive the test; its odd argument finds it among the host's processes. */
    private static final String ENDLESS = "sleep 6173; echo never";
    private static final Duration BUDGET = Duration.ofMillis(300);

    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");
    private final FakeModelServer server = FakeModelServer.start();
    private Map<String, String> env;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(Sandbox.detect(System.getenv(), Processes.runner()).isolates(),
                "without bubblewrap every command waits for approval, so none runs long enough to go to the background");
        env = Map.of("KAIROS_HOME", home.toString(), "KAIROS_TIMEZONE", "UTC",
                "KAIROS_MODEL", "anthropic/claude-sonnet-4-5", "ANTHROPIC_BASE_URL", server.baseUrl(),
                "ANTHROPIC_API_KEY", "k", "PATH", System.getenv().getOrDefault("PATH", ""));
        assertThat(CliRun.run(env, clock, "init").exitCode()).isZero();
        Files.writeString(home.resolve("kairos.yaml"), """
                policy:
                  rules:
                    - tool: run_command
                      match: "%s"
                      decision: allow
                    - tool: run_command
                      match: "%s"
                      decision: allow
                """.formatted(SLOW, ENDLESS));
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aCommandPastTheBudgetGoesOnInTheBackgroundAndItsEndBecomesAFollowUpTask() {
        server.respondWith(runsThenFollowsUp(SLOW));
        try (Kairos k = Kairos.open(ConfigReader.read(home, env), env, clock, Kairos.Mode.DAEMON, BUDGET)) {
            AtomicInteger woken = new AtomicInteger();
            k.sensors().forEach(s -> s.onWake(woken::incrementAndGet));
            Task check = startsACheck(k);

            ToolResultSeen answer = Conversation.lastToolResult(server.lastRequest()).orElseThrow();
            assertThat(answer.isError()).isFalse();
            assertThat(answer.content()).startsWith("still running in the background as job 1 (waited 300ms)")
                    .contains("its end comes back as an event").doesNotContain("done-marker");
            assertThat(k.tasks().find(check.id()).orElseThrow().state()).as("the turn went on and finished")
                    .isEqualTo(Task.State.DONE);

            Await.until(Duration.ofSeconds(20), "the command's end to wake the heartbeat", () -> woken.get() > 0);
            clock.advance(Duration.ofMinutes(1));
            BeatReport next = k.heartbeat().beat();

            Event finished = next.events().stream().filter(e -> e.kind().equals("command.finished")).findFirst()
                    .orElseThrow(() -> new AssertionError("no command.finished event in " + next.events()));
            assertThat(k.inbox().find(finished.id())).as("stored in the inbox").isPresent();
            assertThat(finished.source()).isEqualTo("command");
            assertThat(finished.key()).isEqualTo("job-1");
            assertThat(finished.trust()).isEqualTo(Trust.TRUSTED);
            JsonNode payload = payload(finished);
            assertThat(payload.get("task").asLong()).isEqualTo(check.id());
            assertThat(payload.get("command").asText()).isEqualTo(SLOW);
            assertThat(payload.get("exitCode").asInt()).isZero();
            assertThat(payload.get("timedOut").asBoolean()).isFalse();
            assertThat(payload.get("outputTail").asText()).isEqualTo("done-marker\n");

            Task followUp = next.tasks().stream().filter(t -> t.kind().equals("followup")).findFirst()
                    .orElseThrow(() -> new AssertionError("no follow-up task in " + next.tasks()));
            assertThat(followUp.title()).contains(SLOW).contains("exit 0");
            assertThat(followUp.trust()).isEqualTo(Trust.TRUSTED);
            assertThat(next.modelCalls()).isEqualTo(1);
            assertThat(Conversation.lastUserText(server.lastRequest())).contains("(followup)").contains("done-marker");
            assertThat(k.tasks().find(followUp.id()).orElseThrow().state()).isEqualTo(Task.State.DONE);
        }
    }

    @Test
    void aJobStillRunningWhenKairosStopsIsKilledAndReportedAtTheNextStart() {
        server.respondWith(runsThenFollowsUp(ENDLESS));
        Task check;
        try (Kairos k = Kairos.open(ConfigReader.read(home, env), env, clock, Kairos.Mode.DAEMON, BUDGET)) {
            check = startsACheck(k);
            assertThat(Conversation.lastToolResult(server.lastRequest()).orElseThrow().content())
                    .startsWith("still running in the background as job 1");
            Await.until(Duration.ofSeconds(10), "the command to run", () -> !endless().isEmpty());
        }
        Await.until(Duration.ofSeconds(10), "the command to die with Kairos", () -> endless().isEmpty());

        clock.advance(Duration.ofMinutes(1));
        try (Kairos k = Kairos.open(ConfigReader.read(home, env), env, clock, Kairos.Mode.ONE_BEAT)) {
            BeatReport next = k.heartbeat().beat();
            Event finished = next.events().stream().filter(e -> e.kind().equals("command.finished")).findFirst()
                    .orElseThrow(() -> new AssertionError("no command.finished event in " + next.events()));
            assertThat(finished.summary()).contains(ENDLESS).endsWith("ended: the agent stopped while it ran");
            assertThat(payload(finished).get("task").asLong()).isEqualTo(check.id());
            assertThat(next.tasks()).extracting(Task::kind).containsExactly("followup");
            assertThat(Conversation.lastUserText(server.lastRequest())).contains("the agent stopped while it ran");
            assertThat(k.heartbeat().beat().events()).as("reported once").isEmpty();
        }
    }

    /** A due check whose turn runs {@code command}, then, in the follow-up, says what it read. */
    private static java.util.function.Function<RecordedRequest, Reply> runsThenFollowsUp(String command) {
        return request -> {
            if (Conversation.lastToolResult(request).isPresent()) return Reply.text("It runs on; I will see its end.");
            if (Conversation.lastUserText(request).contains("(followup)")) return Reply.text("Read its end.");
            return Reply.toolUse("run_command", "{\"command\":\"" + command + "\"}");
        };
    }

    /** Drops a due check into the inbox and beats: its turn starts the command. */
    private Task startsACheck(Kairos k) {
        k.inbox().add(Event.observed("schedule", "check.due", "slow job", clock.instant(), Trust.TRUSTED,
                "run the slow job", "{}"));
        BeatReport beat = k.heartbeat().beat();
        assertThat(beat.modelCalls()).isEqualTo(2);
        return beat.tasks().stream().filter(t -> t.kind().equals("check")).findFirst().orElseThrow();
    }

    /** The host's processes of {@link #ENDLESS}, sandboxed or not. */
    private static List<ProcessHandle> endless() {
        return ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("sleep 6173"))
                .toList();
    }

    private static JsonNode payload(Event e) {
        try {
            return Json.MAPPER.readTree(e.payload());
        } catch (java.io.IOException ex) {
            throw new AssertionError(ex);
        }
    }
}
