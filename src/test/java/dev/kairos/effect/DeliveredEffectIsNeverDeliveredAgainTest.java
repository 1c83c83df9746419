package dev.kairos.effect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.store.Store;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A key is recorded once, with its step or not at all; a delivered effect stays delivered across restarts. */
class DeliveredEffectIsNeverDeliveredAgainTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-26T08:00:00Z");

    /** A courier that records what it was given and answers as told. */
    static final class Recording implements Courier {
        final List<String> delivered = new ArrayList<>();
        Function<Effect, Outcome> answer = e -> new Outcome.Delivered("sent " + e.key());

        @Override
        public String kind() {
            return "test.note";
        }

        @Override
        public Outcome deliver(Effect effect) {
            delivered.add(effect.key());
            return answer.apply(effect);
        }
    }

    @Test
    void theSameKeyRecordedThreeTimesIsDeliveredOnceEvenAfterARestart() {
        Recording courier = new Recording();
        {
            Store store = Store.open(home.resolve("state.db"));
            Outbox outbox = new Outbox(store.jdbi(), clock);
            Effect.Draft draft = Effect.Draft.of("test.note", "note:task-7:1", "{\"text\":\"hi\"}");
            assertThat(outbox.record(draft)).isTrue();
            assertThat(outbox.record(draft)).isFalse();
            assertThat(outbox.record(draft.forTask(7))).isFalse();

            Dispatch dispatch = new Dispatch(outbox, List.of(courier), clock);
            assertThat(dispatch.deliverDue()).isEqualTo(new Dispatch.Round(1, 0, 0));
            assertThat(dispatch.deliverDue()).isEqualTo(Dispatch.Round.NONE);
            assertThat(outbox.find("note:task-7:1").orElseThrow().receipt()).contains("sent note:task-7:1");
        }
        // a new process on the same file: the key is still decided and delivered
        Store again = Store.open(home.resolve("state.db"));
        Outbox outbox = new Outbox(again.jdbi(), clock);
        assertThat(outbox.record(Effect.Draft.of("test.note", "note:task-7:1", "{}"))).isFalse();
        clock.advance(Duration.ofDays(2));
        new Dispatch(outbox, List.of(courier), clock).deliverDue();
        assertThat(courier.delivered).containsExactly("note:task-7:1");
        assertThat(outbox.counts()).containsEntry(Effect.State.DELIVERED, 1).containsEntry(Effect.State.PENDING, 0)
                .containsEntry(Effect.State.FAILED, 0);
    }

    @Test
    void anEffectRecordedInAStepThatRollsBackIsNotRecorded() {
        Store store = Store.open(home.resolve("state.db"));
        Outbox outbox = new Outbox(store.jdbi(), clock);
        assertThatThrownBy(() -> store.jdbi().useTransaction(h -> {
            Outbox.record(h, Effect.Draft.of("test.note", "note:rolled-back", "{}"), clock.instant());
            throw new IllegalStateException("the step failed after deciding");
        })).isInstanceOf(IllegalStateException.class);
        assertThat(outbox.find("note:rolled-back")).isEmpty();

        store.jdbi().useTransaction(h -> Outbox.record(h, Effect.Draft.of("test.note", "note:kept", "{}").forTask(3),
                clock.instant()));
        assertThat(outbox.find("note:kept").orElseThrow().taskId()).contains(3L);
    }
}
