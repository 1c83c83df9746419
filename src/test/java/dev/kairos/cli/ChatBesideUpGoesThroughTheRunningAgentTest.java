package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.KairosProcess;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With `kairos up` running, `kairos chat` is answered by the running agent through POST /api/chat (one writer per
 * home): the daemon's model gets the one request, the model this process would use gets none, and the journal holds
 * the exchange once. Without a running agent, the same command answers in its own process, printing the same.
 */
class ChatBesideUpGoesThroughTheRunningAgentTest {
    @TempDir Path home;

    @Test
    void theRunningAgentAnswersAndTheOutputIsTheSameWithoutIt() throws Exception {
        try (FakeModelServer daemons = FakeModelServer.start(); FakeModelServer ours = FakeModelServer.start()) {
            ScriptedModelHome up = ScriptedModelHome.at(home, daemons).with("KAIROS_HTTP_PORT", "0")
                    .init(InstantSource.system());
            // this process would call another model: whoever answers shows which process ran the turn
            ScriptedModelHome here = ScriptedModelHome.at(home, ours);
            daemons.enqueue(Reply.text("Good morning from the daemon."));
            ours.enqueue(Reply.text("Good morning from this process."));
            CliRun viaApi;
            CliRun empty;
            try (KairosProcess agent = KairosProcess.start(up.env(), "up", "--every", "1h")) {
                agent.awaitLine(l -> l.contains("kairos up:"), Duration.ofSeconds(60));
                viaApi = CliRun.run(here.env(), InstantSource.system(), "chat", "--json", "good", "morning");
                empty = CliRun.run(here.env(), InstantSource.system(), "chat", " ");
                assertThat(agent.terminate(Duration.ofSeconds(30))).isIn(0, 143);
            }

            assertThat(viaApi.exitCode()).as(viaApi.err()).isZero();
            JsonNode answer = Json.MAPPER.readTree(viaApi.out());
            assertThat(answer.get("reply").asText()).isEqualTo("Good morning from the daemon.");
            assertThat(answer.get("modelCalls").asInt()).isEqualTo(1);
            assertThat(answer.get("costUsd").asDouble()).isPositive();
            assertThat(daemons.requestCount()).as("the daemon's model").isEqualTo(1);
            assertThat(ours.requestCount()).as("this process made no model call").isZero();
            List<String> journal = journal();
            assertThat(journal).filteredOn(l -> l.contains("user: good morning")).hasSize(1);
            assertThat(journal).filteredOn(l -> l.contains("kairos: Good morning from the daemon.")).hasSize(1);

            assertThat(empty.exitCode()).isEqualTo(1);
            assertThat(empty.err().strip()).startsWith("kairos: not sent: the message is empty").doesNotContain("\n");

            CliRun inProcess = CliRun.run(here.env(), InstantSource.system(), "chat", "--json", "good", "morning");
            assertThat(inProcess.exitCode()).as(inProcess.err()).isZero();
            JsonNode alone = Json.MAPPER.readTree(inProcess.out());
            assertThat(alone.get("reply").asText()).isEqualTo("Good morning from this process.");
            assertThat(fields(alone)).as("the same object either way").isEqualTo(fields(answer));
            assertThat(ours.requestCount()).isEqualTo(1);
        }
    }

    private List<String> journal() throws IOException {
        try (Stream<Path> days = Files.list(home.resolve("memory/journal"))) {
            return days.flatMap(day -> {
                try {
                    return Files.readAllLines(day).stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    /** A JSON object's field names, in order. */
    private static List<String> fields(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
