package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.Processes;
import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.Conversation.ToolResultSeen;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import dev.kairos.testkit.TestRepo;
import dev.kairos.tool.Sandbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model that wants git to run its program (a smudge filter in .git/info/attributes, a hooks path in .git/config)
 * gets every write into a watched repository's .git refused: by write_file, edit_file, a git commit naming a path in
 * .git, and a command the user's rules allow. The files stay as they were.
 */
class ModelCannotWriteGitMetadataTest {
    @TempDir Path tmp;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void everyWriteIntoDotGitIsRefusedAndNothingChanges() throws Exception {
        Path home = tmp.resolve("home");
        try (FakeModelServer server = FakeModelServer.start(); TestRepo repo = TestRepo.create(tmp.resolve("app"))) {
            Map<String, String> env = ScriptedModelHome.at(home, server).with("PATH", System.getenv("PATH"))
                    .init(clock).config("""
                    timezone: UTC
                    policy:
                      rules:
                        - tool: run_command
                          match: "echo * >> *"
                          decision: allow
                    """).env();
            assertThat(CliRun.run(env, clock, "watch", repo.dir().toString()).exitCode()).isZero();
            Path gitConfig = repo.dir().resolve(".git/config");
            byte[] before = Files.readAllBytes(gitConfig);
            Path attributes = repo.dir().resolve(".git/info/attributes");

            server.enqueue(Reply.toolUse("write_file", Json.write(Map.of("path", attributes.toString(),
                    "content", "* filter=pwn\n"))));
            server.enqueue(Reply.toolUse("edit_file", Json.write(Map.of("path", gitConfig.toString(),
                    "old", "[core]", "new", "[filter \"pwn\"]\n\tsmudge = touch /tmp/pwned\n[core]"))));
            server.enqueue(Reply.toolUse("git", Json.write(Map.of("action", "commit", "message", "config",
                    "paths", List.of(gitConfig.toString())))));
            server.enqueue(Reply.toolUse("run_command", Json.write(Map.of("command",
                    "echo '[core] hooksPath = /tmp' >> .git/config", "cwd", repo.dir().toString()))));
            server.enqueue(Reply.text("Done."));
            CliRun chat = CliRun.run(env, clock, "chat", "speed up checkouts in my app");
            assertThat(chat.exitCode()).as(chat.err()).isZero();

            assertThat(attributes).doesNotExist();
            assertThat(Files.readAllBytes(gitConfig)).isEqualTo(before);
            List<ToolResultSeen> told = Conversation.toolResults(server.lastRequest());
            assertThat(told).extracting(ToolResultSeen::tool)
                    .containsExactly("write_file", "edit_file", "git", "run_command");
            assertThat(told.subList(0, 3)).allSatisfy(r -> {
                assertThat(r.isError()).isTrue();
                assertThat(r.content()).startsWith("refused").contains("is git metadata");
            });
            assertThat(told.get(3).isError()).isTrue();
            if (Sandbox.detect(env, Processes.runner()).isolates()) {
                assertThat(told.get(3).content()).contains("Read-only file system");
            }
        }
    }
}
