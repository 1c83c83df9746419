package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.json.Json;
import dev.kairos.notify.ApprovalLinks;
import dev.kairos.policy.Approval;
import dev.kairos.policy.Approvals;
import dev.kairos.store.AgentLock;
import dev.kairos.store.Store;
import dev.kairos.testkit.Await;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.KairosProcess;
import dev.kairos.testkit.RawHttp;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `kairos up` answers an approval's signed link as a phone sends it through a tunnel (a foreign Host): a chat asks
 * for a command, the POST to its Approve link wakes the beat (the interval is an hour), the command runs once, and
 * a second POST is refused with 403 and a log line. The link is built as the notification carries it: from the
 * home's key, which never shows in the output.
 */
class UpAnswersASignedApprovalLinkOnceTest {
    private static final String COUNTED = "echo ran >> runs.txt";

    @TempDir Path home;

    @Test
    void theApproveLinkRunsTheChatsCommandOnce() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            server.respondWith(r -> {
                if (Conversation.lastUserText(r).contains("approved by the user")) return Reply.text("It ran.");
                if (Conversation.lastToolResult(r).isPresent()) return Reply.text("Asked for your approval.");
                return Reply.toolUse("run_command", Json.write(Map.of("command", COUNTED)));
            });
            InstantSource clock = InstantSource.system();
            Map<String, String> env = ScriptedModelHome.at(home, server).with("KAIROS_HTTP_PORT", "0").init(clock)
                    .env();
            try (KairosProcess up = KairosProcess.start(env, "up", "--every", "1h")) {
                up.awaitLine(l -> l.contains("kairos up:"), Duration.ofSeconds(90));
                int port = AgentLock.publishedPort(home).orElseThrow();
                CliRun chat = CliRun.run(env, clock, "chat", "append to the log, please");
                assertThat(chat.exitCode()).as(chat.err()).isZero();
                long id = Json.MAPPER.readTree(CliRun.run(env, clock, "approvals", "--json").out())
                        .at("/approvals/0/id").asLong();
                Approval asked = new Approvals(Store.open(home.resolve("state.db")).jdbi(), clock, Duration.ofHours(24))
                        .find(id).orElseThrow();
                URI approve = new ApprovalLinks(home, new SecureRandom(), () -> URI.create("https://phone.example"))
                        .link(asked, ApprovalLinks.Decision.APPROVE).orElseThrow();

                RawHttp.Response yes = RawHttp.send("POST", approve, port, "phone.example");
                assertThat(yes.status()).as(yes.body()).isEqualTo(200);
                Await.until(Duration.ofSeconds(90), "the approved command to run", () -> runs() == 1);
                up.awaitLine(l -> l.contains("approval=" + id + " approved by a signed link"), Duration.ofSeconds(5));

                assertThat(RawHttp.send("POST", approve, port, "phone.example").status()).isEqualTo(403);
                up.awaitLine(l -> l.contains("approval link refused: approval=" + id), Duration.ofSeconds(30));
                assertThat(runs()).isEqualTo(1);
                assertThat(up.terminate(Duration.ofSeconds(30))).isIn(0, 143);
                String key = Files.readString(ApprovalLinks.keyFile(home)).strip();
                String sig = approve.getQuery().substring("sig=".length());
                assertThat(up.output()).noneMatch(l -> l.contains(key) || l.contains(sig));
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
