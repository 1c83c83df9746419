package dev.kairos.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.effect.Dispatch;
import dev.kairos.effect.Outbox;
import dev.kairos.event.Event;
import dev.kairos.event.Inbox;
import dev.kairos.event.Trust;
import dev.kairos.memory.Journal;
import dev.kairos.sense.Sensor;
import dev.kairos.store.Store;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sensor treats what a poll returned as reported: when the inbox cannot store it, the beat keeps it. */
class UnstoredEventsAreNotLostTest {
    @TempDir Path home;

    /** Reports one new commit per poll, and forgets it once returned, as the git sensor does. */
    private static final class OneShotSensor implements Sensor {
        final List<Instant> polls = new ArrayList<>();

        @Override
        public String name() {
            return "oneshot";
        }

        @Override
        public List<Event> poll(Instant now) {
            polls.add(now);
            return List.of(Event.observed("git", "git.commit", "repo@" + polls.size(), now, Trust.TRUSTED,
                    "commit " + polls.size(), "{}"));
        }
    }

    @Test
    void eventsThatCouldNotBeStoredAreStoredBeforeTheSensorPollsAgain() {
        Store store = Store.open(home.resolve("state.db"));
        SettableClock clock = SettableClock.at("2026-11-25T10:00:00Z");
        OneShotSensor sensor = new OneShotSensor();
        Heartbeat beat = new Heartbeat(store.jdbi(), new Inbox(store.jdbi()), List.of(sensor), Triage.standard(),
                new Journal(home.resolve("memory"), ZoneId.of("UTC")), new Tasks(store.jdbi()), Optional.empty(),
                clock, ZoneId.of("UTC"),
                new Dispatch(new Outbox(store.jdbi(), clock), List.of(), clock));

        store.jdbi().useHandle(h -> h.execute("ALTER TABLE events RENAME TO events_away")); // the inbox is broken
        store.jdbi().useHandle(h -> h.execute("CREATE VIEW events AS SELECT * FROM events_away"));
        beat.beat();
        clock.advance(Duration.ofMinutes(5));
        beat.beat();
        assertThat(sensor.polls).as("not polled again while its events are unsaved").hasSize(1);

        store.jdbi().useHandle(h -> h.execute("DROP VIEW events"));
        store.jdbi().useHandle(h -> h.execute("ALTER TABLE events_away RENAME TO events"));
        clock.advance(Duration.ofMinutes(5));
        BeatReport healed = beat.beat();
        assertThat(healed.events()).extracting(Event::key).containsExactly("repo@1", "repo@2");
        assertThat(sensor.polls).hasSize(2);
    }
}
