package dev.kairos.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Killing leftovers at start must never hit a process that is not a leftover: the children of a Kairos process
 * that still runs (a `kairos chat` beside `kairos up`), a process that got a recorded pid after the recorded one
 * ended, or a process named in a record that someone else wrote.
 */
class LeftoversAreKilledOnlyWhenTheirOwnerIsGoneTest {
    @TempDir Path tmp;

    @Test
    void aLiveOwnersChildrenAreLeftAlone() throws Exception {
        Path records = tmp.resolve("records");
        ProcessRunner owner = new ProcessRunner(records, System.getenv());
        CompletableFuture<Result> run = CompletableFuture.supplyAsync(() -> owner.run(
                Command.in(tmp, "bash", "-c", "sleep 302 & echo $! > child.pid; wait").withTimeout(Duration.ofMinutes(5))));
        long child = Pids.awaitIn(tmp.resolve("child.pid"));

        int killed = new ProcessRunner(records, System.getenv()).killLeftovers();

        assertThat(killed).isZero();
        assertThat(Pids.running(child)).isTrue();
        owner.shutdown();
        assertThat(run.get(30, TimeUnit.SECONDS).ending()).isEqualTo(Result.Ending.EXITED);
        Pids.awaitGone(child);
        assertThat(owner.run(Command.in(tmp, "true")).ending()).isEqualTo(Result.Ending.NOT_STARTED);
    }

    @Test
    void aPidNowUsedByAnotherProcessIsLeftAlone() throws Exception {
        Process stranger = new ProcessBuilder("sleep", "303").start();
        try {
            long started = stranger.toHandle().info().startInstant().orElseThrow().toEpochMilli();
            // the record of an earlier process that had the stranger's pid, left by an owner that is gone
            Path records = record(stranger.pid(), started - 60_000);

            int killed = new ProcessRunner(records, System.getenv()).killLeftovers();

            assertThat(killed).isZero();
            assertThat(Pids.running(stranger.pid())).isTrue();
            assertThat(records).isEmptyDirectory();
        } finally {
            stranger.destroyForcibly();
        }
    }

    @Test
    void aRecordWrittenByHandCannotNameAProcessKairosDidNotStart() throws Exception {
        assumeTrue(Pids.sessionsFollowed(), "needs setsid and /proc (Linux) to tell Kairos's processes apart");
        Process stranger = new ProcessBuilder("setsid", "sleep", "304").start();
        try {
            long started = stranger.toHandle().info().startInstant().orElseThrow().toEpochMilli();
            Path records = record(stranger.pid(), started); // its true pid and start time, "left by" a dead owner

            int killed = new ProcessRunner(records, System.getenv()).killLeftovers();

            assertThat(killed).isZero();
            assertThat(Pids.running(stranger.pid())).isTrue();
        } finally {
            stranger.destroyForcibly();
        }
    }

    private Path record(long pid, long started) throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path records = Files.createDirectories(tmp.resolve("records"));
        Files.writeString(records.resolve(Long.toString(pid)), "started=" + started + "\nsession=true\nowner="
                + gone.pid() + "\nownerStarted=1\n");
        return records;
    }
}
