package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kairos.testkit.Processes;
import dev.kairos.Kairos;
import dev.kairos.config.ConfigReader;
import dev.kairos.heartbeat.BeatReport;
import dev.kairos.heartbeat.Task;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.Conversation.ToolResultSeen;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.RecordedRequest;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import dev.kairos.testkit.TestRepo;
import dev.kairos.tool.Sandbox;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit breaks a watched repository's tests; one beat runs them, triage makes a fix task, and the agent, talking
 * to a model that reacts to what it is told, reads the file (the failure is in the task), edits it and sees the test
 * pass; Kairos reruns the test and commits with the model's summary. All of it happens in the task's own worktree on
 * branch kairos/task-N: the user's checkout is never touched. The fix is offered the code tools, nothing more.
 */
class FailingTestGetsFixedInAWorktreeTest {
    private static final String TEST_COMMAND = "bash test.sh";
    private static final String GOOD = "add() { echo $(( $1 + $2 )); }\n";
    private static final String BROKEN = "add() { echo $(( $1 - $2 )); }\n";
    private static final String TEST_SH = """
            source ./calc.sh
            got=$(add 2 3)
            if [ "$got" != 5 ]; then echo "FAIL: add 2 3 gave $got, expected 5"; exit 1; fi
            echo "PASS: add 2 3 is 5"
            """;

    @TempDir Path tmp;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void theFixLandsOnTheTaskBranchAndTheUsersCheckoutIsUntouched() throws Exception {
        assumeTrue(Sandbox.detect(System.getenv(), Processes.runner()).isolates(),
                "without a bubblewrap sandbox even the configured test command waits for approval");
        Path home = tmp.resolve("home");
        try (FakeModelServer server = FakeModelServer.start(); TestRepo repo = TestRepo.create(tmp.resolve("app"))) {
            Map<String, String> env = ScriptedModelHome.at(home, server).with("PATH", System.getenv("PATH")).env();
            repo.write("calc.sh", GOOD);
            repo.write("test.sh", TEST_SH);
            repo.commit("Add calc");
            assertThat(CliRun.run(env, clock, "init").exitCode()).isZero();
            CliRun watch = CliRun.run(env, clock, "watch", repo.dir().toString(), "--test", TEST_COMMAND);
            assertThat(watch.exitCode()).as(watch.err()).isZero();
            server.respondWith(FailingTestGetsFixedInAWorktreeTest::developer);

            try (Kairos k = Kairos.open(ConfigReader.read(home, env), env, clock, Kairos.Mode.ONE_BEAT)) {
                assertThat(k.heartbeat().beat().idle()).as("first sight replays no history").isTrue();

                repo.write("calc.sh", BROKEN);
                String broken = repo.commit("Simplify add");
                clock.advance(Duration.ofMinutes(5));
                BeatReport beat = k.heartbeat().beat();

                assertThat(beat.events()).anySatisfy(e -> assertThat(e.kind()).isEqualTo("tests.failed"));
                Task fix = beat.tasks().stream().filter(t -> t.kind().equals("fix")).findFirst().orElseThrow();
                assertThat(k.tasks().inState(Task.State.DONE)).extracting(Task::id).containsExactly(fix.id());
                assertThat(beat.modelCalls()).isEqualTo(4);

                Path worktree = home.resolve("worktrees/task-" + fix.id());
                String branch = "kairos/task-" + fix.id();
                assertThat(git(worktree, "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo(branch);
                assertThat(Files.readString(worktree.resolve("calc.sh"))).isEqualTo(GOOD);

                // the branch has the fix, on top of the breaking commit, and nothing else
                assertThat(git(repo.dir(), "rev-parse", branch + "^")).isEqualTo(broken);
                assertThat(git(repo.dir(), "log", "-1", "--format=%s", branch)).isEqualTo("Fix add: plus, not minus");
                assertThat(git(repo.dir(), "diff", "--name-only", broken, branch)).isEqualTo("calc.sh");
                assertThat(git(repo.dir(), "show", branch + ":calc.sh") + "\n").isEqualTo(GOOD);

                // the user's checkout: same branch, same commit, same files, nothing changed
                assertThat(git(repo.dir(), "rev-parse", "--abbrev-ref", "HEAD")).isEqualTo("main");
                assertThat(git(repo.dir(), "rev-parse", "HEAD")).isEqualTo(broken);
                assertThat(Files.readString(repo.dir().resolve("calc.sh"))).isEqualTo(BROKEN);
                assertThat(git(repo.dir(), "status", "--porcelain")).isEmpty();

                // what the model was told: the failure in the task, then the pass; offered the code tools only
                List<RecordedRequest> requests = server.requests();
                String task = Conversation.lastUserText(requests.getFirst());
                assertThat(task).contains("FAIL: add 2 3 gave -1, expected 5")
                        .contains("Your worktree (work only here): " + worktree)
                        .contains("The change whose test run failed:\ncommit " + broken.substring(0, 7)
                                + ": Simplify add\n")
                        .contains("\n-" + GOOD).contains("\n+" + BROKEN.strip());
                List<ToolResultSeen> seen = Conversation.toolResults(requests.getLast());
                assertThat(seen).extracting(ToolResultSeen::tool)
                        .containsExactly("read_file", "edit_file", "run_command");
                assertThat(seen.get(2).isError()).isFalse();
                assertThat(seen.get(2).content()).contains("exit code: 0").contains("PASS: add 2 3 is 5");
                assertThat(requests).allSatisfy(r -> assertThat(toolNames(r)).containsExactlyInAnyOrder("read_file",
                        "list_files", "search_files", "write_file", "edit_file", "run_command", "memory_search",
                        "remember"));
                assertThat(requests.getFirst().body().get("system").toString()).as("no memory index for a fix")
                        .doesNotContain("What you remember (index)");
            }
        }
    }

    /** A model that works like a careful developer, deciding each step from the last tool result it was given. */
    private static Reply developer(RecordedRequest request) {
        Optional<ToolResultSeen> last = Conversation.lastToolResult(request);
        if (last.isEmpty()) return Reply.text("Reading the code.").andToolUse("read_file", "{\"path\":\"calc.sh\"}");
        ToolResultSeen r = last.get();
        return switch (r.tool()) {
            case "run_command" -> Reply.text(r.content().contains("exit code: 0") ? "Fix add: plus, not minus"
                    : "The test still fails: " + r.content());
            case "read_file" -> r.content().contains("$1 - $2")
                    ? Reply.toolUse("edit_file", "{\"path\":\"calc.sh\",\"old\":\"$1 - $2\",\"new\":\"$1 + $2\"}")
                    : Reply.text("calc.sh does not hold what the failure suggests: " + r.content());
            case "edit_file" -> r.isError() ? Reply.text("The edit failed: " + r.content())
                    : Reply.toolUse("run_command", "{\"command\":\"" + TEST_COMMAND + "\"}");
            default -> Reply.text("Unexpected result from " + r.tool());
        };
    }

    private static List<String> toolNames(RecordedRequest r) {
        List<String> names = new java.util.ArrayList<>();
        r.body().path("tools").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    private static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("git %s finished", args[0]).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", String.join(" ", args), out).isZero();
        return out;
    }
}
