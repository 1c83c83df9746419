package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kairos.Kairos;
import dev.kairos.config.ConfigReader;
import dev.kairos.heartbeat.BeatReport;
import dev.kairos.heartbeat.Task;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.Conversation.ToolResultSeen;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Processes;
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
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fix task is done when Kairos itself has run the watch's test command in the task's worktree and seen it pass,
 * not when the model says "Fixed". A model that edits but does not commit gets its work committed by Kairos; a wrong
 * edit, or no edit at all, fails the task with the reason and the test's output, in the journal and in `status`.
 */
class FixCountsOnlyWhenKairosSeesTheTestPassTest {
    private static final String TEST_COMMAND = "bash test.sh";
    private static final String GOOD = "add() { echo $(( $1 + $2 )); }\n";
    private static final String BROKEN = "add() { echo $(( $1 - $2 )); }\n";
    private static final String TEST_SH = """
            source ./calc.sh
            got=$(add 2 3)
            echo "checking add"
            if [ "$got" != 5 ]; then echo "FAIL: add 2 3 gave $got, expected 5"; exit 1; fi
            echo "PASS: add 2 3 is 5"
            """;

    @TempDir Path tmp;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    /** This machine's PATH: Kairos's own test run confines the model's code, so it needs bubblewrap. */
    private static final String PATH = System.getenv().getOrDefault("PATH", "");

    private static void assumeSandbox() {
        assumeTrue(Sandbox.detect(System.getenv(), Processes.runner()).isolates(),
                "Kairos runs the model's fixed code only in the sandbox; bubblewrap (bwrap) is not usable here");
    }

    @Test
    void aFixTheModelDidNotCommitIsCommittedByKairosOnceTheTestPasses() throws Exception {
        assumeSandbox();
        try (Scenario s = new Scenario(editsWithoutCommitting("$1 + $2"), PATH)) {
            Task fix = s.breakAndBeat();

            assertThat(s.kairos.tasks().inState(Task.State.DONE)).extracting(Task::id).containsExactly(fix.id());
            String branch = "kairos/task-" + fix.id();
            assertThat(git(s.repo.dir(), "rev-parse", branch + "^")).as("the fix sits on the breaking commit")
                    .isEqualTo(s.broken);
            assertThat(git(s.repo.dir(), "log", "-1", "--format=%s", branch)).isEqualTo("Fixed add: plus, not minus.");
            assertThat(git(s.repo.dir(), "show", branch + ":calc.sh") + "\n").isEqualTo(GOOD);
            assertThat(git(s.worktree(fix), "status", "--porcelain")).as("nothing left behind").isEmpty();
            assertThat(s.journal()).contains("task " + fix.id() + " (fix) done").contains("kairos committed");
            assertThat(s.kairos.status().problems()).noneMatch(p -> p.contains("task " + fix.id()));
        }
    }

    @Test
    void aWrongEditFailsTheTaskWithTheTestOutputInStatusAndJournal() throws Exception {
        assumeSandbox();
        try (Scenario s = new Scenario(editsWithoutCommitting("$1 * $2"), PATH)) {
            Task fix = s.breakAndBeat();

            Task failed = s.kairos.tasks().inState(Task.State.FAILED).stream().filter(t -> t.id() == fix.id())
                    .findFirst().orElseThrow(() -> new AssertionError("task " + fix.id() + " did not fail"));
            assertThat(failed.detail()).contains("the test command still fails").contains("exit 1")
                    .contains("checking add").contains("FAIL: add 2 3 gave 6, expected 5");
            assertThat(s.kairos.status().problems()).anySatisfy(p -> assertThat(p)
                    .startsWith("task " + fix.id() + " (fix) failed: the test command still fails")
                    .contains("FAIL: add 2 3 gave 6, expected 5"));
            assertThat(s.journal()).contains("task " + fix.id() + " (fix) failed").contains("FAIL: add 2 3 gave 6");
            assertThat(git(s.repo.dir(), "rev-parse", "kairos/task-" + fix.id())).as("nothing was committed")
                    .isEqualTo(s.broken);
        }
    }

    @Test
    void sayingFixedWithoutChangingAnythingFailsTheTask() throws Exception {
        try (Scenario s = new Scenario(request -> Reply.text("Fixed."), PATH)) {
            Task fix = s.breakAndBeat();

            assertThat(s.kairos.tasks().inState(Task.State.FAILED)).extracting(Task::id).containsExactly(fix.id());
            assertThat(s.kairos.tasks().inState(Task.State.FAILED).getFirst().detail())
                    .startsWith("nothing changed since the failing commit " + s.broken.substring(0, 7));
            assertThat(s.kairos.status().problems()).anySatisfy(p -> assertThat(p)
                    .startsWith("task " + fix.id() + " (fix) failed: nothing changed"));
            assertThat(s.journal()).contains("task " + fix.id() + " (fix) failed: nothing changed");
        }
    }

    @Test
    void withoutASandboxTheModelsCodeIsNotRunAndTheTaskSaysWhy() throws Exception {
        try (Scenario s = new Scenario(editsWithoutCommitting("$1 + $2"), "/nowhere")) {
            Task fix = s.breakAndBeat();

            Task failed = s.kairos.tasks().inState(Task.State.FAILED).stream().filter(t -> t.id() == fix.id())
                    .findFirst().orElseThrow(() -> new AssertionError("task " + fix.id() + " did not fail"));
            assertThat(failed.detail()).contains("without a sandbox").contains("install bubblewrap");
            assertThat(git(s.repo.dir(), "rev-parse", "kairos/task-" + fix.id())).as("nothing was committed")
                    .isEqualTo(s.broken);
        }
    }

    /**
     * Reads the file, replaces "$1 - $2" with {@code replacement} and answers without running the test or calling
     * `git commit` (so the test does not depend on a sandbox: without one a command waits for approval).
     */
    private static Function<RecordedRequest, Reply> editsWithoutCommitting(String replacement) {
        return request -> {
            Optional<ToolResultSeen> last = Conversation.lastToolResult(request);
            if (last.isEmpty()) return Reply.toolUse("read_file", "{\"path\":\"calc.sh\"}");
            return switch (last.get().tool()) {
                case "read_file" -> Reply.toolUse("edit_file",
                        "{\"path\":\"calc.sh\",\"old\":\"$1 - $2\",\"new\":\"" + replacement + "\"}");
                default -> Reply.text("Fixed add: plus, not minus.");
            };
        };
    }

    /** A watched repository whose tests pass, a Kairos beating once, and a model scripted by the test. */
    private final class Scenario implements AutoCloseable {
        final FakeModelServer server = FakeModelServer.start();
        final TestRepo repo;
        final Kairos kairos;
        final Path home = tmp.resolve("home");
        String broken;

        /** @param path the PATH Kairos looks along for bubblewrap */
        Scenario(Function<RecordedRequest, Reply> model, String path) {
            repo = TestRepo.create(tmp.resolve("app"));
            Map<String, String> env = ScriptedModelHome.at(home, server).with("PATH", path).env();
            repo.write("calc.sh", GOOD);
            repo.write("test.sh", TEST_SH);
            repo.commit("Add calc");
            assertThat(CliRun.run(env, clock, "init").exitCode()).isZero();
            CliRun watch = CliRun.run(env, clock, "watch", repo.dir().toString(), "--test", TEST_COMMAND);
            assertThat(watch.exitCode()).as(watch.err()).isZero();
            server.respondWith(model);
            kairos = Kairos.open(ConfigReader.read(home, env), env, clock, Kairos.Mode.ONE_BEAT);
            assertThat(kairos.heartbeat().beat().idle()).as("first sight replays no history").isTrue();
        }

        /** Commits a change that breaks the test, beats once; returns the fix task, which has run. */
        Task breakAndBeat() {
            repo.write("calc.sh", BROKEN);
            broken = repo.commit("Simplify add");
            clock.advance(Duration.ofMinutes(5));
            BeatReport beat = kairos.heartbeat().beat();
            assertThat(beat.modelCalls()).isPositive();
            return beat.tasks().stream().filter(t -> t.kind().equals("fix")).findFirst().orElseThrow();
        }

        Path worktree(Task t) {
            return home.resolve("worktrees/task-" + t.id());
        }

        String journal() throws IOException {
            return Files.readString(home.resolve("memory/journal/2026-11-25.md"));
        }

        @Override
        public void close() {
            kairos.close();
            repo.close();
            server.close();
        }
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
