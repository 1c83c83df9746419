package dev.kairos.sense;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.event.Event;
import dev.kairos.store.Store;
import dev.kairos.testkit.Await;
import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import dev.kairos.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jgit.lib.Constants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FailingTestsBecomeEventTest {
    private static final String COMMAND = "test -f ok.txt || { echo 'ok.txt is missing'; exit 3; }";

    @TempDir Path tmp;
    private Store store;
    private TestRepo repo;
    private Path worktrees;
    private final SettableClock clock = SettableClock.at("2026-11-25T10:00:00Z");

    @BeforeEach
    void setUp() {
        store = Store.open(tmp.resolve("state.db"));
        repo = TestRepo.create(tmp.resolve("project"));
        worktrees = tmp.resolve("home/worktrees");
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private GitSensor sensor(String command, Executor executor, Duration timeout) {
        Watch watch = new Watch(repo.dir(), Optional.of(command));
        return new GitSensor(store.jdbi(), () -> List.of(watch), worktrees, executor, Processes.runner(),
                GitSensor.DEFAULT_UNCOMMITTED_AFTER, timeout);
    }

    private GitSensor sensor(Executor executor) {
        return sensor(COMMAND, executor, Duration.ofMinutes(1));
    }

    private List<Event> poll(GitSensor sensor) {
        return sensor.poll(clock.advance(Duration.ofMinutes(1)));
    }

    private static List<Event> ofKind(List<Event> events, String kind) {
        return events.stream().filter(e -> e.kind().equals(kind)).toList();
    }

    private static JsonNode payload(Event event) throws Exception {
        return new ObjectMapper().readTree(event.payload());
    }

    @Test
    void aCommitThatBreaksTheTestsIsReportedWithExitCodeAndOutput() throws Exception {
        GitSensor sensor = sensor(Runnable::run);
        poll(sensor);
        repo.write("code.txt", "v1\n");
        String sha = repo.commit("Change code");
        repo.write("ok.txt", "only in the working copy, not committed\n");

        List<Event> failed = ofKind(poll(sensor), "tests.failed");

        assertThat(failed).hasSize(1);
        Event event = failed.getFirst();
        assertThat(event.key()).isEqualTo(repo.dir() + ":tests:" + sha);
        assertThat(event.summary()).startsWith("tests failed on " + sha.substring(0, 7) + " in project (exit 3)");
        JsonNode payload = payload(event);
        assertThat(payload.get("sha").asText()).isEqualTo(sha);
        assertThat(payload.get("command").asText()).isEqualTo(COMMAND);
        assertThat(payload.get("exitCode").asInt()).isEqualTo(3);
        assertThat(payload.get("timedOut").asBoolean()).isFalse();
        assertThat(payload.get("durationMs").asLong()).isNotNegative();
        assertThat(payload.get("outputTail").asText()).contains("ok.txt is missing");
        assertThat(Files.readString(repo.dir().resolve("ok.txt"))).startsWith("only in the working copy");
        assertThat(repo.git().status().call().getUntracked()).containsExactly("ok.txt");
        assertNoWorktreeLeft();
    }

    @Test
    void aCommitThatFixesTheTestsIsReportedAsPassed() throws Exception {
        GitSensor sensor = sensor(Runnable::run);
        poll(sensor);
        repo.write("code.txt", "v1\n");
        String broken = repo.commit("Change code");
        assertThat(ofKind(poll(sensor), "tests.failed")).extracting(Event::key)
                .containsExactly(repo.dir() + ":tests:" + broken);

        repo.write("ok.txt", "ok\n");
        String fixed = repo.commit("Add ok.txt");
        List<Event> events = poll(sensor);

        assertThat(ofKind(events, "tests.passed")).extracting(Event::key)
                .containsExactly(repo.dir() + ":tests:" + fixed);
        assertThat(ofKind(events, "tests.failed")).isEmpty();
        assertThat(payload(ofKind(events, "tests.passed").getFirst()).get("exitCode").asInt()).isZero();
        assertThat(poll(sensor)).isEmpty();
        assertNoWorktreeLeft();
    }

    @Test
    void onlyTheNewHeadOfTheCheckedOutBranchIsTested() throws Exception {
        List<Runnable> queued = new ArrayList<>();
        GitSensor sensor = sensor(queued::add);
        poll(sensor);
        repo.write("a.txt", "a\n");
        repo.commit("First");
        repo.write("b.txt", "b\n");
        repo.commit("Second");
        repo.git().branchCreate().setName("other").call();

        poll(sensor);

        assertThat(queued).hasSize(1);
    }

    @Test
    void aFinishedRunWakesTheHeartbeatAndArrivesWithTheNextPoll() {
        List<Runnable> queued = new ArrayList<>();
        AtomicInteger wakes = new AtomicInteger();
        GitSensor sensor = sensor(queued::add);
        sensor.onWake(wakes::incrementAndGet);
        poll(sensor);
        repo.write("ok.txt", "ok\n");
        repo.commit("Add ok.txt");

        assertThat(ofKind(poll(sensor), "tests.passed")).isEmpty();
        assertThat(wakes).hasValue(0);
        queued.removeFirst().run();

        assertThat(wakes).hasValue(1);
        assertThat(ofKind(poll(sensor), "tests.passed")).hasSize(1);
        assertThat(ofKind(poll(sensor), "tests.passed")).isEmpty();
    }

    @Test
    void aRunLostToARestartRunsAgainAfterIt() {
        GitSensor crashed = sensor(task -> {}); // the process dies before the run finishes
        poll(crashed);
        repo.write("code.txt", "v1\n");
        String sha = repo.commit("Change code");
        assertThat(ofKind(poll(crashed), "git.commit")).hasSize(1);

        GitSensor restarted = sensor(Runnable::run);
        List<Event> events = poll(restarted);

        assertThat(ofKind(events, "tests.failed")).extracting(Event::key)
                .containsExactly(repo.dir() + ":tests:" + sha);
        poll(restarted);
        assertThat(ofKind(poll(sensor(Runnable::run)), "tests.failed")).isEmpty();
    }

    @Test
    void aCommandThatRunsTooLongIsKilledWithItsChildren() throws Exception {
        Path pidFile = tmp.resolve("child.pid");
        String command = "sleep 30 & echo $! > " + pidFile + "; wait";
        GitSensor sensor = sensor(command, Runnable::run, Duration.ofSeconds(1));
        poll(sensor);
        repo.write("a.txt", "a\n");
        repo.commit("Add a");

        List<Event> failed = ofKind(poll(sensor), "tests.failed");

        assertThat(failed).hasSize(1);
        JsonNode payload = payload(failed.getFirst());
        assertThat(payload.get("timedOut").asBoolean()).isTrue();
        assertThat(payload.get("durationMs").asLong()).isLessThan(25_000);
        assertThat(failed.getFirst().summary()).contains("(timed out)");
        long child = Long.parseLong(Files.readString(pidFile).strip());
        Await.until(Duration.ofSeconds(10), "the child to be killed", () -> !isRunning(child));
        assertNoWorktreeLeft();
    }

    /** Alive and not a zombie waiting to be reaped. */
    private static boolean isRunning(long pid) {
        if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            try {
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
            } catch (java.io.IOException e) {
                return false;
            }
        }
        return false;
    }

    private void assertNoWorktreeLeft() throws Exception {
        try (var entries = Files.list(worktrees)) {
            assertThat(entries.toList()).isEmpty();
        }
        assertThat(repo.dir().resolve(Constants.DOT_GIT).resolve("worktrees")).satisfiesAnyOf(
                p -> assertThat(p).doesNotExist(), p -> assertThat(p).isEmptyDirectory());
    }
}
