package dev.kairos.effect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.store.Store;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Passing failures come back after a growing pause; refusals and the last attempt end it; a crash is not a loop. */
class FailedDeliveryIsRetriedWithBackoffTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-26T08:00:00Z");
    private Outbox outbox;
    private final DeliveredEffectIsNeverDeliveredAgainTest.Recording courier =
            new DeliveredEffectIsNeverDeliveredAgainTest.Recording();
    private Dispatch dispatch;

    @BeforeEach
    void open() {
        outbox = new Outbox(Store.open(home.resolve("state.db")).jdbi(), clock);
        dispatch = new Dispatch(outbox, List.of(courier), clock);
        outbox.record(Effect.Draft.of("test.note", "k1", "{}"));
    }

    @Test
    void aPassingFailureIsRetriedAfterThirtySecondsThenAMinute() {
        courier.answer = e -> Outcome.Retry.because("503 from the server");
        dispatch.deliverDue();
        clock.advance(Duration.ofSeconds(29));
        dispatch.deliverDue();
        assertThat(courier.delivered).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        dispatch.deliverDue();
        assertThat(courier.delivered).hasSize(2);
        clock.advance(Duration.ofSeconds(59));
        dispatch.deliverDue();
        assertThat(courier.delivered).hasSize(2);
        courier.answer = e -> new Outcome.Delivered("ok");
        clock.advance(Duration.ofSeconds(1));
        assertThat(dispatch.deliverDue().delivered()).isEqualTo(1);
        Effect e = outbox.find("k1").orElseThrow();
        assertThat(e.state()).isEqualTo(Effect.State.DELIVERED);
        assertThat(e.attempts()).isEqualTo(3);
    }

    @Test
    void retryAfterFromTheOtherSideIsHonoured() {
        courier.answer = e -> new Outcome.Retry("429", Optional.of(Duration.ofMinutes(10)));
        dispatch.deliverDue();
        clock.advance(Duration.ofMinutes(9));
        dispatch.deliverDue();
        assertThat(courier.delivered).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        dispatch.deliverDue();
        assertThat(courier.delivered).hasSize(2);
    }

    @Test
    void aRefusalFailsAtOnceAndIsNeverRetried() {
        courier.answer = e -> new Outcome.Refused("400 bad request: priority must be 1-5");
        assertThat(dispatch.deliverDue().failed()).isEqualTo(1);
        clock.advance(Duration.ofDays(1));
        dispatch.deliverDue();
        assertThat(courier.delivered).hasSize(1);
        assertThat(outbox.failedSince(clock.instant().minus(Duration.ofDays(2)), 5)).singleElement()
                .satisfies(e -> assertThat(e.lastError()).contains("400 bad request: priority must be 1-5"));
    }

    @Test
    void tenPassingFailuresGiveUp() {
        courier.answer = e -> Outcome.Retry.because("connection refused");
        for (int i = 0; i < 30; i++) {
            dispatch.deliverDue();
            clock.advance(Duration.ofHours(1));
        }
        assertThat(courier.delivered).hasSize(Dispatch.MAX_ATTEMPTS);
        assertThat(outbox.find("k1").orElseThrow().state()).isEqualTo(Effect.State.FAILED);
        assertThat(outbox.find("k1").orElseThrow().lastError().orElseThrow()).startsWith("gave up after 10 attempts");
    }

    @Test
    void aCourierThatThrowsIsAPassingFailure() {
        courier.answer = e -> {
            throw new IllegalStateException("socket closed");
        };
        assertThat(dispatch.deliverDue().retrying()).isEqualTo(1);
        assertThat(outbox.find("k1").orElseThrow().lastError()).contains("IllegalStateException: socket closed");
    }

    @Test
    void aProcessThatDiesMidDeliveryComesBackToItAfterTheBackoffNotAtOnce() {
        courier.answer = e -> {
            throw new Died();
        };
        assertThatThrownBy(dispatch::deliverDue).isInstanceOf(Died.class);
        // the restarted process, at once: the attempt was counted, so it does not hammer the other side
        courier.answer = e -> new Outcome.Delivered("found it already there");
        Dispatch restarted = new Dispatch(outbox, List.of(courier), clock);
        assertThat(restarted.deliverDue()).isEqualTo(Dispatch.Round.NONE);
        clock.advance(Dispatch.FIRST_RETRY);
        assertThat(restarted.deliverDue().delivered()).isEqualTo(1);
        assertThat(courier.delivered).hasSize(2);
    }

    @Test
    void anEffectNobodyDeliversWaitsAndSaysWhy() {
        outbox.record(Effect.Draft.of("ntfy", "n1", "{}"));
        dispatch.deliverDue();
        assertThat(outbox.find("n1").orElseThrow().state()).isEqualTo(Effect.State.PENDING);
        assertThat(outbox.find("n1").orElseThrow().lastError().orElseThrow()).contains("nothing here delivers 'ntfy'");
    }

    @Test
    void backoffDoublesUpToAnHour() {
        assertThat(Dispatch.backoff(1)).isEqualTo(Duration.ofSeconds(30));
        assertThat(Dispatch.backoff(2)).isEqualTo(Duration.ofMinutes(1));
        assertThat(Dispatch.backoff(4)).isEqualTo(Duration.ofMinutes(4));
        assertThat(Dispatch.backoff(9)).isEqualTo(Duration.ofHours(1));
        assertThat(Dispatch.backoff(40)).isEqualTo(Duration.ofHours(1));
    }

    /** What a kill -9 looks like from inside: nothing after it runs. */
    private static final class Died extends Error {}
}
