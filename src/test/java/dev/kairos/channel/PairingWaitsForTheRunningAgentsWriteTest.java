package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.store.Store;
import dev.kairos.testkit.Await;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `kairos pair` writes beside a running agent that writes too. A transaction that read before the agent's write
 * committed cannot write afterwards (SQLite fails it at once, busy timeout or not), so pairing takes the write lock
 * first and waits its turn instead of failing with "database is locked".
 */
class PairingWaitsForTheRunningAgentsWriteTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void pairingWhileTheAgentHoldsTheWriteLockWaitsAndSucceeds() throws Exception {
        Jdbi jdbi = Store.open(home.resolve("state.db")).jdbi();
        Incoming hello = new Incoming("telegram", "7007", "1", "7007", "Ada", "hi", Optional.empty(),
                Optional.empty(), List.of(), clock.instant());
        String code = jdbi.inTransaction(h -> Pairing.issue(h, hello, new SplittableRandom(7), clock.instant()))
                .orElseThrow();

        try (Handle agent = jdbi.open()) {
            agent.execute("BEGIN IMMEDIATE"); // the running agent, mid-write
            agent.execute("INSERT INTO channel_cursors (channel, position) VALUES ('telegram', '42')");
            CompletableFuture<Pairing.Outcome> pairing = CompletableFuture.supplyAsync(
                    () -> new Pairing(jdbi, clock).pair(code));
            Await.until(Duration.ofSeconds(10), "pairing to wait on the database", () -> !pairing.isDone()
                    && Thread.getAllStackTraces().values().stream().anyMatch(PairingWaitsForTheRunningAgentsWriteTest::
                            waitsInPairing));
            agent.execute("COMMIT");

            assertThat(pairing.get()).isInstanceOf(Pairing.Outcome.Done.class);
        }
        assertThat(new Pairing(jdbi, clock).paired("telegram", "7007")).isPresent();
    }

    /** A thread inside Pairing.pair, down in SQLite. */
    private static boolean waitsInPairing(StackTraceElement[] stack) {
        List<String> frames = Arrays.stream(stack).map(f -> f.getClassName() + "." + f.getMethodName()).toList();
        return frames.stream().anyMatch(f -> f.startsWith("dev.kairos.channel.Pairing"))
                && frames.stream().anyMatch(f -> f.startsWith("org.sqlite"));
    }
}
