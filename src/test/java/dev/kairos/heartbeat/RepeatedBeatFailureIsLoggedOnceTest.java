package dev.kairos.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kairos.config.ActiveHours;
import dev.kairos.effect.Dispatch;
import dev.kairos.effect.Outbox;
import dev.kairos.event.Inbox;
import dev.kairos.memory.Journal;
import dev.kairos.store.Store;
import dev.kairos.testkit.Await;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A beat that fails the same way every time is logged with its trace once, then in one line at the 2nd, 4th, 8th...
 * failure in a row: a broken agent does not write a stack trace per beat forever.
 */
class RepeatedBeatFailureIsLoggedOnceTest {
    @TempDir Path home;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(HeartbeatLoop.class);

    @AfterEach
    void release() {
        logger.detachAppender(logs);
    }

    @Test
    void theSameFailureGetsOneTraceAndThenFewerAndFewerLines() throws Exception {
        Store store = Store.open(home.resolve("state.db"));
        store.jdbi().useHandle(h -> h.execute("ALTER TABLE events RENAME TO events_gone")); // every beat fails alike
        SettableClock clock = SettableClock.at("2026-11-25T08:00:00Z");
        Heartbeat heartbeat = new Heartbeat(store.jdbi(), new Inbox(store.jdbi()), List.of(), Triage.standard(),
                new Journal(home.resolve("memory"), ZoneOffset.UTC), new Tasks(store.jdbi()), Optional.empty(), clock,
                ZoneOffset.UTC,
                new Dispatch(new Outbox(store.jdbi(), clock), List.of(), clock));
        logs.start();
        logger.addAppender(logs);
        HeartbeatLoop loop = new HeartbeatLoop(heartbeat, Duration.ofMillis(1), Duration.ZERO, ActiveHours.ALWAYS,
                ZoneOffset.UTC, clock, new Random(1), r -> {});
        Thread beating = new Thread(loop::run, "beating");
        beating.start();
        try {
            Await.until(Duration.ofSeconds(60), "32 failed beats", () -> lines().stream()
                    .anyMatch(l -> l.contains("(32 in a row)")));
        } finally {
            loop.stop();
            beating.join();
        }

        assertThat(List.copyOf(logs.list)).filteredOn(e -> e.getThrowableProxy() != null).singleElement()
                .satisfies(e -> assertThat(e.getFormattedMessage()).startsWith("beat failed: ")
                        .contains("no such table: events"));
        List<String> lines = lines();
        assertThat(lines.getFirst()).startsWith("beat failed: ");
        for (int i = 1, n = 2; n <= 32; i++, n *= 2) {
            assertThat(lines.get(i)).startsWith("beat failed again (" + n + " in a row): ").contains("no such table");
        }
    }

    private List<String> lines() {
        synchronized (logs) { // the appender appends under its own lock
            return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }
}
