package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.store.AgentLock;
import dev.kairos.testkit.Await;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.KairosProcess;
import dev.kairos.testkit.LoopbackHttp;
import dev.kairos.testkit.RawHttp;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 10 as a user tries it: `kairos up` with KAIROS_NTFY_URL at a loopback ntfy; a chat whose model asks for a
 * command that needs approval puts an ntfy message with Approve and Deny buttons on the phone at once (the beat is
 * an hour away: the chat wakes it); the Approve button's POST, as the ntfy app sends it through a tunnel, runs the
 * command once, and the same POST again is refused.
 */
class ChatApprovalReachesThePhoneByNtfyTest {
    private static final String COUNTED = "echo ran >> runs.txt";

    @TempDir Path home;

    @Test
    void theNtfyApproveButtonRunsTheChatsCommandOnce() throws Exception {
        try (FakeModelServer server = FakeModelServer.start(); LoopbackHttp ntfy = LoopbackHttp.start()) {
            ntfy.answer(r -> LoopbackHttp.Answer.of(200, "{\"id\":\"msg1\",\"event\":\"message\"}"));
            server.respondWith(r -> {
                if (Conversation.lastUserText(r).contains("approved by the user")) return Reply.text("It ran.");
                if (Conversation.lastToolResult(r).isPresent()) return Reply.text("Asked for your approval.");
                return Reply.toolUse("run_command", Json.write(Map.of("command", COUNTED)));
            });
            InstantSource clock = InstantSource.system();
            Map<String, String> env = ScriptedModelHome.at(home, server).with("KAIROS_HTTP_PORT", "0")
                    .with("KAIROS_NTFY_URL", ntfy.url("/kairos-phone").toString())
                    .with("KAIROS_PUBLIC_URL", "https://phone.example").init(clock).env();
            try (KairosProcess up = KairosProcess.start(env, "up", "--every", "1h")) {
                up.awaitLine(l -> l.contains("kairos up:"), Duration.ofSeconds(90));
                int port = AgentLock.publishedPort(home).orElseThrow();
                CliRun chat = CliRun.run(env, clock, "chat", "append to the log, please");
                assertThat(chat.exitCode()).as(chat.err()).isZero();

                Await.until(Duration.ofSeconds(60), "the approval to reach ntfy", () -> !ntfy.received().isEmpty());
                LoopbackHttp.Received sent = ntfy.received().getFirst();
                assertThat(sent.path()).isEqualTo("/");
                JsonNode message = Json.MAPPER.readTree(sent.text());
                assertThat(message.path("topic").asText()).isEqualTo("kairos-phone");
                assertThat(message.path("priority").asInt()).isEqualTo(5);
                assertThat(message.path("actions")).extracting(a -> a.path("label").asText())
                        .containsExactly("Approve", "Deny");
                JsonNode approve = message.path("actions").get(0);
                assertThat(approve.path("action").asText()).isEqualTo("http");
                assertThat(approve.path("method").asText()).isEqualTo("POST");
                URI link = URI.create(approve.path("url").asText());
                assertThat(link.toString()).startsWith("https://phone.example/approvals/");
                assertThat(runs()).isZero();

                RawHttp.Response yes = RawHttp.send("POST", link, port, "phone.example");
                assertThat(yes.status()).as(yes.body()).isEqualTo(200);
                Await.until(Duration.ofSeconds(90), "the approved command to run", () -> runs() == 1);
                assertThat(RawHttp.send("POST", link, port, "phone.example").status()).isEqualTo(403);
                assertThat(runs()).isEqualTo(1);
                assertThat(ntfy.received()).hasSize(1);
                assertThat(up.terminate(Duration.ofSeconds(30))).isIn(0, 143);
            }
        }
    }

    private long runs() {
        try {
            Path file = home.resolve("runs.txt");
            return Files.exists(file) ? Files.readAllLines(file).stream().filter(l -> l.equals("ran")).count() : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
