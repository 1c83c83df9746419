package dev.kairos.notify;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.config.NotifySettings;
import dev.kairos.effect.Dispatch;
import dev.kairos.effect.Effect;
import dev.kairos.effect.Outbox;
import dev.kairos.json.Json;
import dev.kairos.store.Store;
import dev.kairos.testkit.LoopbackHttp;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notify.ntfy effect in the outbox: a 4xx is refused and reported, a 5xx is tried again on the outbox's backoff, a
 * 429 after its Retry-After, and a delivered one is never sent again, even by a restarted process.
 */
class NtfyFailuresGoThroughTheOutboxTest {
    @TempDir Path home;
    private final LoopbackHttp ntfy = LoopbackHttp.start();
    private final SettableClock clock = SettableClock.at("2026-11-26T08:00:00Z");
    private Outbox outbox;
    private Dispatch dispatch;

    @BeforeEach
    void open() {
        outbox = new Outbox(Store.open(home.resolve("state.db")).jdbi(), clock);
        dispatch = restartedDispatch();
        Notification n = Notification.of("Build failed", "main is red", Notification.Priority.URGENT);
        outbox.record(Effect.Draft.of(Notifiers.kind("ntfy"), "notify:check:42", Json.write(n)));
    }

    @AfterEach
    void stop() {
        ntfy.close();
    }

    /** What a new process builds: its own store, outbox, notifiers and dispatch on the same state.db. */
    private Dispatch restartedDispatch() {
        var jdbi = Store.open(home.resolve("state.db")).jdbi();
        NotifySettings settings = new NotifySettings(Optional.of(ntfy.url("/kairos")), Optional.empty(),
                Optional.empty(), Optional.empty(), "mailto:kairos@localhost");
        Notifiers notifiers = Notifiers.configured(settings, home.resolve("keys"), jdbi, clock);
        return new Dispatch(new Outbox(jdbi, clock), notifiers.couriers(), clock);
    }

    private Effect effect() {
        return outbox.find("notify:check:42").orElseThrow();
    }

    @Test
    void a4xxIsRefusedAndReportedNeverRetried() {
        ntfy.answer(r -> LoopbackHttp.Answer.of(400, "{\"code\":40007,\"http\":400,\"error\":\"invalid request: "
                + "priority invalid\"}"));
        assertThat(dispatch.deliverDue().failed()).isEqualTo(1);
        clock.advance(Duration.ofDays(1));
        dispatch.deliverDue();
        assertThat(ntfy.received()).hasSize(1);
        assertThat(effect().state()).isEqualTo(Effect.State.FAILED);
        assertThat(effect().lastError().orElseThrow()).contains("HTTP 400").contains("priority invalid");
    }

    @Test
    void a5xxIsRetriedOnTheOutboxsBackoffThenDeliveredOnce() {
        ntfy.answer(r -> LoopbackHttp.Answer.of(502, "bad gateway"));
        assertThat(dispatch.deliverDue().retrying()).isEqualTo(1);
        clock.advance(Duration.ofSeconds(29));
        dispatch.deliverDue();
        assertThat(ntfy.received()).hasSize(1);
        ntfy.answer(r -> LoopbackHttp.Answer.of(200, "{\"id\":\"m2\",\"event\":\"message\"}"));
        clock.advance(Duration.ofSeconds(1));
        assertThat(dispatch.deliverDue().delivered()).isEqualTo(1);
        assertThat(ntfy.received()).hasSize(2);
        assertThat(effect().state()).isEqualTo(Effect.State.DELIVERED);
        assertThat(effect().receipt()).contains("m2");
        assertThat(Json.tree(ntfy.received().get(1).text()).get("title").asText()).isEqualTo("Build failed");
    }

    @Test
    void aRateLimitWaitsForItsRetryAfter() {
        ntfy.answer(r -> new LoopbackHttp.Answer(429, Map.of("Retry-After", "600"), "{\"error\":\"limit reached\"}"));
        dispatch.deliverDue();
        clock.advance(Duration.ofMinutes(9)); // the outbox's own backoff (30 s) would have tried long ago
        dispatch.deliverDue();
        assertThat(ntfy.received()).hasSize(1);
        clock.advance(Duration.ofMinutes(1));
        dispatch.deliverDue();
        assertThat(ntfy.received()).hasSize(2);
    }

    @Test
    void aRestartedProcessDoesNotSendADeliveredNotificationAgain() {
        ntfy.answer(r -> LoopbackHttp.Answer.of(200, "{\"id\":\"once\"}"));
        assertThat(dispatch.deliverDue().delivered()).isEqualTo(1);

        Dispatch restarted = restartedDispatch();
        assertThat(restarted.deliverDue()).isEqualTo(Dispatch.Round.NONE);
        clock.advance(Duration.ofDays(2));
        assertThat(restarted.deliverDue()).isEqualTo(Dispatch.Round.NONE);
        assertThat(ntfy.received()).hasSize(1);
    }

    @Test
    void aRestartAfterAFailedAttemptSendsItOnceWhenDue() {
        ntfy.answer(r -> LoopbackHttp.Answer.of(503, ""));
        dispatch.deliverDue();
        ntfy.answer(r -> LoopbackHttp.Answer.of(200, "{\"id\":\"after-restart\"}"));
        Dispatch restarted = restartedDispatch();
        assertThat(restarted.deliverDue()).isEqualTo(Dispatch.Round.NONE); // not due yet
        clock.advance(Duration.ofSeconds(30));
        assertThat(restarted.deliverDue().delivered()).isEqualTo(1);
        clock.advance(Duration.ofHours(1));
        restarted.deliverDue();
        assertThat(ntfy.received()).hasSize(2);
        assertThat(effect().receipt()).contains("after-restart");
    }
}
