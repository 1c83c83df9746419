package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.Conversation.ToolResultSeen;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In a chat, the model's writes outside the workspace (an absolute path elsewhere, a path climbing out with "..",
 * a symbolic link in the workspace pointing out, an edit of a file elsewhere) are refused: nothing is written and
 * the model is told why each time.
 */
class WriteOutsideTheWorkspaceIsRefusedTest {
    @TempDir Path tmp;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void everyWayOutIsRefusedAndNothingIsWritten() throws Exception {
        Path home = tmp.resolve("home");
        Path elsewhere = tmp.resolve("elsewhere");
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = ScriptedModelHome.at(home, server).init(clock).env();
            Path outsider = Files.createDirectories(tmp.resolve("outsider"));
            Path existing = Files.writeString(outsider.resolve("notes.txt"), "keep me\n");
            Files.createSymbolicLink(home.resolve("escape"), outsider);

            server.enqueue(write(elsewhere.resolve("x.txt").toString()));
            server.enqueue(write("../outside.txt"));
            server.enqueue(write("escape/x.txt"));
            server.enqueue(Reply.toolUse("edit_file", Json.write(Map.of("path", existing.toString(),
                    "old", "keep me", "new", "overwritten"))));
            server.enqueue(Reply.text("I cannot write there."));

            CliRun chat = CliRun.run(env, clock, "chat", "save my notes next to the workspace");
            assertThat(chat.exitCode()).as(chat.err()).isZero();
            assertThat(chat.out().strip()).isEqualTo("I cannot write there.");

            assertThat(elsewhere).doesNotExist();
            assertThat(tmp.resolve("outside.txt")).doesNotExist();
            assertThat(outsider.resolve("x.txt")).doesNotExist();
            assertThat(Files.readString(existing)).isEqualTo("keep me\n");

            List<ToolResultSeen> told = Conversation.toolResults(server.lastRequest());
            assertThat(told).extracting(ToolResultSeen::tool)
                    .containsExactly("write_file", "write_file", "write_file", "edit_file");
            assertThat(told).allSatisfy(r -> {
                assertThat(r.isError()).isTrue();
                assertThat(r.content()).startsWith("refused").contains("outside the workspace");
            });
            assertThat(told.get(0).content()).contains(elsewhere.resolve("x.txt").toString());
            assertThat(told.get(1).content()).contains(tmp.toRealPath().resolve("outside.txt").toString());
            assertThat(told.get(2).content()).as("the link is followed to where it really points")
                    .contains(outsider.toRealPath().resolve("x.txt").toString());
        }
    }

    private static Reply write(String path) {
        return Reply.toolUse("write_file", Json.write(Map.of("path", path, "content", "written\n")));
    }
}
