package dev.kairos.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kairos.testkit.Processes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A run ends at its time-out, whatever holds its output open, and nothing it started outlives it. */
@Timeout(value = 2, unit = TimeUnit.MINUTES) // a time-out that cannot fire would hang here, not fail
class ATimeOutKillsTheWholeTreeTest {
    @TempDir Path tmp;
    final ProcessRunner runner = Processes.runner();

    private Result bash(String script, Duration timeout) {
        return runner.run(Command.in(tmp, "bash", "-c", script).withTimeout(timeout));
    }

    @Test
    void aCommandThatNeverEndsNorClosesItsOutputTimesOut() {
        Result r = bash("echo started; sleep 300", Duration.ofMillis(500));

        assertThat(r.ending()).isEqualTo(Result.Ending.TIMED_OUT);
        assertThat(r.text()).isEqualTo("started\n");
    }

    @Test
    void theTimeOutKillsChildrenAndProcessesThatLeftTheGroup() {
        assumeTrue(Pids.sessionsFollowed(), "needs setsid and /proc (Linux): commands run untethered here");
        Result r = bash("sleep 301 & echo $! > child.pid; (set -m; sleep 302 & echo $! > own-group.pid); wait",
                Duration.ofSeconds(1));

        assertThat(r.timedOut()).isTrue();
        Pids.awaitGone(Pids.awaitIn(tmp.resolve("child.pid")));
        Pids.awaitGone(Pids.awaitIn(tmp.resolve("own-group.pid")));
    }

    @Test
    void whatACommandLeavesInTheBackgroundEndsWithIt() {
        assumeTrue(Pids.sessionsFollowed(), "needs setsid and /proc (Linux): commands run untethered here");
        Result r = bash("sleep 303 > /dev/null 2>&1 & echo $! > background.pid; echo done", Duration.ofMinutes(1));

        assertThat(r.ok()).isTrue();
        assertThat(r.text()).isEqualTo("done\n");
        Pids.awaitGone(Pids.awaitIn(tmp.resolve("background.pid")));
    }
}
