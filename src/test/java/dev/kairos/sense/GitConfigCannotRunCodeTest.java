package dev.kairos.sense;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.event.Event;
import dev.kairos.store.Store;
import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import dev.kairos.testkit.TestRepo;
import dev.kairos.testkit.TrappedRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A watched repository's .git/config and attributes define a smudge filter, hooks, an fsmonitor and a textconv
 * (a tool's write could put them there): the test run's `git worktree add` and the sensor's own reading of the
 * repository run none of them.
 */
class GitConfigCannotRunCodeTest {
    @TempDir Path tmp;

    @Test
    void testingACommitRunsNothingTheRepositoryConfigures() throws Exception {
        SettableClock clock = SettableClock.at("2026-11-25T10:00:00Z");
        try (TestRepo repo = TestRepo.create(tmp.resolve("project"))) {
            Watch watch = new Watch(repo.dir(), Optional.of("cat README.md data.dat"));
            GitSensor sensor = new GitSensor(Store.open(tmp.resolve("state.db")).jdbi(), () -> List.of(watch),
                    tmp.resolve("worktrees"), Runnable::run, Processes.runner(), Duration.ofHours(4),
                    Duration.ofMinutes(1));
            sensor.poll(clock.instant());
            repo.write("data.dat", "data\n");
            String sha = repo.commit("Add data");
            TrappedRepo traps = TrappedRepo.plant(repo.dir(), tmp.resolve("markers"));
            // the same length and an older time: only the (filtered) content tells it apart
            Files.setLastModifiedTime(repo.write("README.md", "# TEST REPO\n"), FileTime.fromMillis(0));

            List<Event> events = sensor.poll(clock.advance(Duration.ofMinutes(1)));

            assertThat(traps.fired()).isEmpty();
            assertThat(events).filteredOn(e -> e.kind().equals("tests.passed")).singleElement()
                    .satisfies(e -> assertThat(e.payload()).contains(sha).contains("# test repo").contains("data"));
            assertThat(events).filteredOn(e -> e.kind().equals("git.commit")).hasSize(1);
        }
    }
}
