package dev.kairos.sense;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.event.Event;
import dev.kairos.event.Inbox;
import dev.kairos.store.Store;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent is killed (kill -9) after a test run finished, before the sensor polled again; every start after that
 * opens the same state.db. The test command (which counts its runs in a file) has run once, and its result reaches
 * the inbox once.
 */
class FinishedTestRunIsNotRepeatedAfterACrashTest {
    @TempDir Path tmp;
    private final SettableClock clock = SettableClock.at("2026-11-25T10:00:00Z");
    private TestRepo repo;
    private Path runs;

    @BeforeEach
    void setUp() {
        repo = TestRepo.create(tmp.resolve("project"));
        runs = tmp.resolve("runs.txt");
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    /** A new process on the same state.db: its own store handle, inbox and sensor. */
    private GitSensor start(Executor executor) {
        Store store = Store.open(tmp.resolve("state.db"));
        Watch watch = new Watch(repo.dir(), Optional.of("echo run >> " + runs + "; exit 1"));
        return new GitSensor(store.jdbi(), () -> List.of(watch), tmp.resolve("worktrees"), executor,
                Processes.runner(), GitSensor.DEFAULT_UNCOMMITTED_AFTER, Duration.ofMinutes(1));
    }

    /** One beat's poll, its events stored in the inbox as the heartbeat does. */
    private void pollIntoInbox(GitSensor sensor) {
        Inbox inbox = new Inbox(Store.open(tmp.resolve("state.db")).jdbi());
        sensor.poll(clock.advance(Duration.ofMinutes(1))).forEach(inbox::add);
    }

    private List<Event> testEvents() {
        return new Inbox(Store.open(tmp.resolve("state.db")).jdbi()).pending(100).stream()
                .filter(e -> e.kind().startsWith("tests.")).toList();
    }

    private long runCount() throws Exception {
        return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
    }

    @Test
    void aRunWhoseEventWasStoredDoesNotRunAgainAtTheNextStarts() throws Exception {
        GitSensor killed = start(Runnable::run);
        pollIntoInbox(killed);
        repo.write("code.txt", "v1\n");
        String sha = repo.commit("Change code");
        pollIntoInbox(killed); // the tests run and their event is stored; then kill -9, before the next poll

        for (int restart = 0; restart < 3; restart++) {
            GitSensor next = start(Runnable::run);
            pollIntoInbox(next);
            pollIntoInbox(next);
        }

        assertThat(runCount()).isEqualTo(1);
        assertThat(testEvents()).extracting(Event::key).containsExactly(repo.dir() + ":tests:" + sha);
    }

    @Test
    void aRunThatFinishedJustBeforeTheKillIsReportedAfterItWithoutRunningAgain() throws Exception {
        List<Runnable> background = new ArrayList<>();
        GitSensor killed = start(background::add);
        pollIntoInbox(killed);
        repo.write("code.txt", "v1\n");
        String sha = repo.commit("Change code");
        pollIntoInbox(killed);
        background.removeFirst().run(); // the run ends; kill -9 before the poll that would report it

        GitSensor next = start(Runnable::run);
        pollIntoInbox(next);
        pollIntoInbox(next);

        assertThat(runCount()).isEqualTo(1);
        assertThat(testEvents()).extracting(Event::key).containsExactly(repo.dir() + ":tests:" + sha);
    }
}
