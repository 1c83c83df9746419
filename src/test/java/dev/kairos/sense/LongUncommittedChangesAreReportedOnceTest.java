package dev.kairos.sense;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.event.Event;
import dev.kairos.store.Store;
import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import dev.kairos.testkit.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LongUncommittedChangesAreReportedOnceTest {
    @TempDir Path tmp;
    private Store store;
    private TestRepo repo;
    private final SettableClock clock = SettableClock.at("2026-11-25T08:00:00Z");

    @BeforeEach
    void setUp() {
        store = Store.open(tmp.resolve("state.db"));
        repo = TestRepo.create(tmp.resolve("project"));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private GitSensor sensor() {
        return new GitSensor(store.jdbi(), () -> List.of(Watch.of(repo.dir())), tmp.resolve("worktrees"),
                Runnable::run, Processes.runner(), Duration.ofHours(4), Duration.ofMinutes(1));
    }

    private List<Event> pollAfter(GitSensor sensor, Duration wait) {
        return sensor.poll(clock.advance(wait));
    }

    @Test
    void changesLeftUncommittedLongerThanTheThresholdAreReportedOnce() {
        GitSensor sensor = sensor();
        sensor.poll(clock.instant());
        repo.write("README.md", "# edited\n");
        repo.write("notes.txt", "new file\n");
        Instant firstSeenDirty = clock.advance(Duration.ofMinutes(5));
        assertThat(sensor.poll(firstSeenDirty)).isEmpty();

        assertThat(pollAfter(sensor, Duration.ofHours(4))).isEmpty();
        List<Event> events = pollAfter(sensor, Duration.ofMinutes(1));
        List<Event> later = pollAfter(sensor, Duration.ofHours(1));
        List<Event> afterRestart = pollAfter(sensor(), Duration.ofHours(1));

        assertThat(events).hasSize(1);
        Event event = events.getFirst();
        assertThat(event.kind()).isEqualTo("git.uncommitted");
        assertThat(event.key()).isEqualTo(repo.dir() + ":dirty-since:" + firstSeenDirty.toEpochMilli());
        assertThat(event.summary()).isEqualTo("2 files uncommitted for 4 hours in project: README.md, notes.txt");
        assertThat(later).isEmpty();
        assertThat(afterRestart).isEmpty();
    }

    @Test
    void aCleanWorkingTreeStartsTheCountAgain() {
        GitSensor sensor = sensor();
        sensor.poll(clock.instant());
        repo.write("notes.txt", "draft\n");
        sensor.poll(clock.advance(Duration.ofMinutes(1)));
        assertThat(pollAfter(sensor, Duration.ofHours(5))).hasSize(1);

        repo.commit("Notes");
        assertThat(pollAfter(sensor, Duration.ofMinutes(1))).extracting(Event::kind).containsExactly("git.commit");
        repo.write("notes.txt", "more\n");
        Instant dirtyAgain = clock.advance(Duration.ofMinutes(1));
        sensor.poll(dirtyAgain);
        assertThat(pollAfter(sensor, Duration.ofHours(3))).isEmpty();
        List<Event> events = pollAfter(sensor, Duration.ofHours(2));

        assertThat(events).extracting(Event::key).containsExactly(repo.dir() + ":dirty-since:"
                + dirtyAgain.toEpochMilli());
    }
}
