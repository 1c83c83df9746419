package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** In `kairos chat` the model's `reply` tool answers on the chat's channel, its output, before the final text. */
class ReplyAnswersInTheChatTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void whatTheModelRepliesIsPrintedWithItsFinalText() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = ScriptedModelHome.at(home, server).init(clock).env();
            server.enqueue(Reply.toolUse("reply", "{\"text\":\"On it: running the tests first.\"}"))
                    .enqueue(Reply.text("All 42 tests pass."));

            CliRun chat = CliRun.run(env, clock, "chat", "are the tests green?");

            assertThat(chat.exitCode()).as(chat.err()).isZero();
            assertThat(chat.out()).isEqualTo("On it: running the tests first.\n\nAll 42 tests pass.\n");
            var result = Conversation.lastToolResult(server.lastRequest()).orElseThrow();
            assertThat(result.isError()).as(result.content()).isFalse();
            assertThat(result.content()).isEqualTo("reply recorded; Kairos delivers it when this turn ends");
        }
    }
}
