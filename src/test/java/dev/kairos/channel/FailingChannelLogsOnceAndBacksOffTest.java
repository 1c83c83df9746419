package dev.kairos.channel;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What Telegram and email share when their service fails: the problem shows in `kairos status` while it lasts, the
 * same failure again logs no second line (a new one does), the end is logged once, and the pause between tries
 * doubles up to its cap and starts short again after a success. A closed reader's pause ends at once.
 */
class FailingChannelLogsOnceAndBacksOffTest {
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(FailingChannelLogsOnceAndBacksOffTest.class);

    @BeforeEach
    void listen() {
        logs.start();
        logger.setLevel(Level.INFO); // the tests' root logs warnings only
        logger.addAppender(logs);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logs);
        logger.setLevel(null);
    }

    @Test
    void theSameFailureIsOneLineAndTheBackOffDoublesUpToItsCap() {
        Outage outage = new Outage(logger, "test: answers again", Duration.ofMinutes(1), 3, () -> false);
        outage.failed("test: connection refused");
        outage.failed("test: connection refused");
        outage.failed("test: 401 unauthorized");
        assertThat(outage.problem()).contains("test: 401 unauthorized");
        assertThat(IntStream.range(0, 5).mapToObj(i -> outage.backoff().toSeconds()).toList())
                .containsExactly(2L, 4L, 8L, 8L, 8L);

        outage.recovered();
        outage.recovered();
        assertThat(outage.problem()).isEmpty();
        assertThat(outage.backoff()).as("short again after a success").isEqualTo(Duration.ofSeconds(2));
        assertThat(logs.list).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "test: connection refused; trying again", "test: 401 unauthorized; trying again",
                "test: answers again");
    }

    @Test
    void aClosedReadersPauseEnds() {
        Outage outage = new Outage(logger, "test: answers again", Duration.ofMinutes(1), 3, () -> true);
        assertThat(outage.pause(Duration.ZERO)).isFalse();
        Thread.currentThread().interrupt();
        Outage open = new Outage(logger, "test: answers again", Duration.ofMinutes(1), 3, () -> false);
        assertThat(open.pause(Duration.ofHours(1))).as("an interrupt ends the pause").isFalse();
        assertThat(open.pause(Duration.ZERO)).isTrue();
    }
}
