package dev.kairos.heartbeat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kairos.effect.Dispatch;
import dev.kairos.effect.Outbox;
import dev.kairos.event.Event;
import dev.kairos.event.Inbox;
import dev.kairos.event.Trust;
import dev.kairos.memory.Journal;
import dev.kairos.store.Store;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Events survive a restart until a beat has triaged and journaled them, and a failed beat leaves no half. */
class BeatIsAllOrNothingTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");

    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T08:00:00Z");

    private Heartbeat heartbeat(Store store) {
        return new Heartbeat(store.jdbi(), new Inbox(store.jdbi()), List.of(), Triage.standard(),
                new Journal(home.resolve("memory"), ZONE), new Tasks(store.jdbi()), Optional.empty(), clock, ZONE,
                new Dispatch(new Outbox(store.jdbi(), clock), List.of(), clock));
    }

    private static Event failingTests(String sha) {
        return Event.observed("git", "tests.failed", "/repo:tests:" + sha, java.time.Instant.parse("2026-11-25T07:59:00Z"),
                Trust.TRUSTED, "tests failed at " + sha + " in repo", "{\"sha\":\"" + sha + "\"}");
    }

    @Test
    void anEventStoredBeforeAKillIsProcessedOnceAfterTheRestart() throws Exception {
        Store before = Store.open(home.resolve("state.db"));
        assertThat(new Inbox(before.jdbi()).add(failingTests("abc1234"))).isPresent();
        // the process dies here: no beat ran. A new process opens the same file.
        Store after = Store.open(home.resolve("state.db"));
        Inbox inbox = new Inbox(after.jdbi());
        assertThat(inbox.add(failingTests("abc1234"))).as("the same (source, key) is a duplicate").isEmpty();
        assertThat(inbox.pendingCount()).isEqualTo(1);

        BeatReport report = heartbeat(after).beat();
        assertThat(report.idle()).isFalse();
        assertThat(report.events()).hasSize(1);
        assertThat(report.tasks()).singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo("fix"));
        assertThat(heartbeat(after).beat().idle()).isTrue();

        List<String> journal = Files.readAllLines(home.resolve("memory/journal/2026-11-25.md"));
        assertThat(journal).filteredOn(l -> l.startsWith("- ")).singleElement().satisfies(l -> assertThat(l)
                .isEqualTo("- 08:59 tests failed at abc1234 in repo → task 1 (fix) (event 1, tests.failed)"));
    }

    @Test
    void aBeatThatFailsHalfwayLeavesItsEventsPendingAndNoTask() throws Exception {
        Store store = Store.open(home.resolve("state.db"));
        Inbox inbox = new Inbox(store.jdbi());
        inbox.add(failingTests("aaa"));
        inbox.add(failingTests("bbb"));
        Files.createDirectories(home.resolve("memory"));
        Files.writeString(home.resolve("memory/journal"), "not a folder"); // the journal cannot be written

        assertThatThrownBy(() -> heartbeat(store).beat()).hasMessageContaining("journal");
        assertThat(inbox.pendingCount()).isEqualTo(2);
        assertThat(new Tasks(store.jdbi()).countByState().get(Task.State.PENDING)).isZero();

        Files.delete(home.resolve("memory/journal"));
        clock.advance(Duration.ofMinutes(5));
        BeatReport retry = heartbeat(store).beat();
        assertThat(retry.events()).hasSize(2);
        assertThat(retry.tasks()).hasSize(2);
        assertThat(inbox.pendingCount()).isZero();
    }

    @Test
    void theJournalRedactsSecrets() throws Exception {
        Journal journal = new Journal(home.resolve("memory"), ZONE);
        journal.append(clock.instant(), "deploy used key sk-ant-api03-abcdefghijklmnop and ghp_0123456789abcdefghijABCDEFGHIJ",
                "event 9, git.commit");
        String day = Files.readString(journal.dayFile(java.time.LocalDate.of(2026, 11, 25)));
        assertThat(day).doesNotContain("sk-ant-api03").doesNotContain("ghp_0123").contains("[REDACTED]");
    }
}
