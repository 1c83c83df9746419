package dev.kairos.sense;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.process.Result;
import dev.kairos.store.Store;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent killed with kill -9 while a background job ran never recorded its end (the job died with it). The next
 * start reports that job as ended with "the agent stopped while it ran", once, and leaves alone the jobs of a Kairos
 * process that still runs; job numbers go on from where they were.
 */
class JobOfAKilledAgentIsReportedAsStoppedTest {
    @TempDir Path tmp;
    private final SettableClock clock = SettableClock.at("2026-11-25T10:00:00Z");

    @Test
    void theJobOfAGoneProcessIsReportedOnceAndALiveOnesIsNot() {
        Store store = Store.open(tmp.resolve("state.db"));
        BackgroundCommands killed = new BackgroundCommands(store.jdbi(), clock);
        BackgroundCommands.Origin origin = new BackgroundCommands.Origin(7, "run the slow job", Trust.UNTRUSTED);
        long dead = killed.adopt(origin, "make slow-thing", tmp, new CompletableFuture<Result>());
        long alive = killed.adopt(origin, "make other-thing", tmp, new CompletableFuture<Result>());
        ownedByAProcessThatIsGone(store, dead);

        BackgroundCommands next = new BackgroundCommands(Store.open(tmp.resolve("state.db")).jdbi(), clock);
        List<Event> events = next.poll(clock.instant());

        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("command");
            assertThat(e.kind()).isEqualTo("command.finished");
            assertThat(e.key()).isEqualTo("job-" + dead);
            assertThat(e.trust()).as("the task's trust").isEqualTo(Trust.UNTRUSTED);
            assertThat(e.summary()).isEqualTo("`make slow-thing` (job " + dead + ", task 7) ended: "
                    + "the agent stopped while it ran");
            assertThat(e.payload()).contains("\"task\":7").contains("\"taskTitle\":\"run the slow job\"")
                    .doesNotContain("owner");
        });
        assertThat(next.poll(clock.instant())).as("reported once; the live process's job still runs").isEmpty();
        assertThat(next.adopt(origin, "true", tmp, new CompletableFuture<Result>())).isEqualTo(alive + 1);
    }

    /** What kill -9 leaves: the job's record names a Kairos process that no longer runs. */
    private static void ownedByAProcessThatIsGone(Store store, long job) {
        SensorState state = new SensorState(store.jdbi(), "command");
        Map.Entry<String, String> running = state.withPrefix("running:").entrySet().stream()
                .filter(e -> CommandJob.read(e.getValue()).number() == job).findFirst().orElseThrow();
        CommandJob j = CommandJob.read(running.getValue());
        state.put(running.getKey(), new CommandJob(j.number(), j.taskId(), j.taskTitle(), j.trust(), j.command(),
                j.cwd(), "4194305@1", j.startedAt()).json()); // above Linux's largest pid: no such process
    }
}
