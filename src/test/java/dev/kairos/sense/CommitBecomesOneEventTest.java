package dev.kairos.sense;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kairos.event.Event;
import dev.kairos.event.Inbox;
import dev.kairos.event.Trust;
import dev.kairos.store.Store;
import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import dev.kairos.testkit.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommitBecomesOneEventTest {
    private static final Executor DIRECT = Runnable::run;

    @TempDir Path tmp;
    private Store store;
    private Inbox inbox;
    private TestRepo repo;
    private final SettableClock clock = SettableClock.at("2026-11-25T10:00:00Z");

    @BeforeEach
    void setUp() {
        store = Store.open(tmp.resolve("state.db"));
        inbox = new Inbox(store.jdbi());
        repo = TestRepo.create(tmp.resolve("project"));
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private GitSensor sensor() {
        Path real = repo.dir().toAbsolutePath();
        return new GitSensor(store.jdbi(), () -> List.of(Watch.of(real)), tmp.resolve("worktrees"), DIRECT,
                Processes.runner());
    }

    private List<Event> pollIntoInbox(GitSensor sensor) {
        List<Event> events = sensor.poll(clock.advance(Duration.ofMinutes(1)));
        events.forEach(inbox::add);
        return events;
    }

    @Test
    void firstSightOfARepositoryEmitsNothing() {
        repo.write("a.txt", "a\n");
        repo.commit("Second commit");

        assertThat(pollIntoInbox(sensor())).isEmpty();
        assertThat(inbox.pendingCount()).isZero();
    }

    @Test
    void aCommitIsOneEventAcrossPollsAndARestart() throws Exception {
        GitSensor sensor = sensor();
        pollIntoInbox(sensor);
        repo.write("src/a.txt", "a\n");
        String sha = repo.commit("Add a\n\nLonger explanation.");

        List<Event> events = pollIntoInbox(sensor);
        pollIntoInbox(sensor);
        pollIntoInbox(sensor());

        assertThat(events).hasSize(1);
        List<Event> stored = inbox.pending(10);
        assertThat(stored).hasSize(1);
        Event commit = stored.getFirst();
        assertThat(commit.source()).isEqualTo("git");
        assertThat(commit.kind()).isEqualTo("git.commit");
        assertThat(commit.key()).isEqualTo(repo.dir() + "@" + sha);
        assertThat(commit.trust()).isEqualTo(Trust.TRUSTED);
        assertThat(commit.summary()).isEqualTo("commit " + sha.substring(0, 7) + " on main in project: Add a");
        JsonNode payload = new ObjectMapper().readTree(commit.payload());
        assertThat(payload.get("repo").asText()).isEqualTo(repo.dir().toString());
        assertThat(payload.get("branch").asText()).isEqualTo("main");
        assertThat(payload.get("sha").asText()).isEqualTo(sha);
        assertThat(payload.get("author").asText()).isEqualTo("Test User <test@example.com>");
        assertThat(payload.get("message").asText()).isEqualTo("Add a\n\nLonger explanation.");
        assertThat(payload.get("files")).extracting(JsonNode::asText).containsExactly("src/a.txt");
    }

    @Test
    void aRestartBeforeTheNextPollRepeatsTheEventAndTheInboxKeepsOne() {
        pollIntoInbox(sensor());
        repo.write("a.txt", "a\n");
        repo.commit("Add a");

        List<Event> first = pollIntoInbox(sensor());
        List<Event> afterRestart = pollIntoInbox(sensor());

        assertThat(first).hasSize(1);
        assertThat(afterRestart).extracting(Event::key).containsExactly(first.getFirst().key());
        assertThat(inbox.pendingCount()).isEqualTo(1);
        GitSensor restarted = sensor();
        pollIntoInbox(restarted);
        assertThat(pollIntoInbox(restarted)).isEmpty();
        assertThat(pollIntoInbox(sensor())).isEmpty();
    }

    @Test
    void severalCommitsArriveOldestFirstAndAreCappedPerBranch() {
        GitSensor sensor = sensor();
        pollIntoInbox(sensor);
        for (int i = 1; i <= 55; i++) {
            repo.write("n.txt", i + "\n");
            repo.commit("Commit " + i);
        }

        List<Event> events = pollIntoInbox(sensor);

        assertThat(events).hasSize(BranchScan.MAX_COMMITS_PER_BRANCH);
        assertThat(events.getFirst().summary()).endsWith(": Commit 6");
        assertThat(events.getLast().summary()).endsWith(": Commit 55");
    }
}
