package dev.kairos.sense;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.kairos.event.Event;
import dev.kairos.store.Store;
import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import dev.kairos.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class BrokenRepositoryDoesNotStopTheOthersTest {
    @TempDir Path tmp;
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(GitSensor.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    @Test
    void missingAndBrokenRepositoriesWarnOnceAndTheGoodOneIsStillFollowed() throws Exception {
        Path missing = tmp.resolve("gone");
        Path broken = Files.createDirectories(tmp.resolve("broken"));
        Files.writeString(broken.resolve(".git"), "gitdir: /nowhere/at/all\n");
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        try (TestRepo good = TestRepo.create(tmp.resolve("good"))) {
            List<Watch> watches = List.of(Watch.of(broken), Watch.of(good.dir()), Watch.of(missing), Watch.of(plain));
            GitSensor sensor = new GitSensor(Store.open(tmp.resolve("state.db")).jdbi(), () -> watches,
                    tmp.resolve("worktrees"), Runnable::run, Processes.runner());
            SettableClock clock = SettableClock.at("2026-11-25T10:00:00Z");
            sensor.poll(clock.instant());

            good.write("a.txt", "a\n");
            good.commit("Add a");
            List<Event> events = sensor.poll(clock.advance(Duration.ofMinutes(1)));
            sensor.poll(clock.advance(Duration.ofMinutes(1)));

            assertThat(events).extracting(Event::kind).containsExactly("git.commit");
        }
        List<String> warnings = logs.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(2);
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("path=" + missing));
        assertThat(warnings).anySatisfy(w -> assertThat(w).contains("path=" + broken));
    }
}
