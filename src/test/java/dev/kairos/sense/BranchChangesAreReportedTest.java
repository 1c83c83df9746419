package dev.kairos.sense;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.event.Event;
import dev.kairos.store.Store;
import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import dev.kairos.testkit.TestRepo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BranchChangesAreReportedTest {
    private static final String NONE = ObjectId.zeroId().name();

    @TempDir Path tmp;
    private TestRepo repo;
    private GitSensor sensor;
    private final SettableClock clock = SettableClock.at("2026-11-25T10:00:00Z");

    @BeforeEach
    void setUp() {
        Store store = Store.open(tmp.resolve("state.db"));
        repo = TestRepo.create(tmp.resolve("project"));
        sensor = new GitSensor(store.jdbi(), () -> List.of(Watch.of(repo.dir())), tmp.resolve("worktrees"),
                Runnable::run, Processes.runner());
        poll();
    }

    @AfterEach
    void tearDown() {
        repo.close();
    }

    private List<Event> poll() {
        return sensor.poll(clock.advance(Duration.ofMinutes(1)));
    }

    private String head() throws Exception {
        return repo.git().getRepository().resolve("HEAD").name();
    }

    @Test
    void aFastForwardIsOnlyCommits() {
        repo.write("a.txt", "a\n");
        repo.commit("Add a");

        assertThat(poll()).extracting(Event::kind).containsExactly("git.commit");
    }

    @Test
    void aNewBranchAtAnExistingCommitIsOneBranchEventAndNoHistory() throws Exception {
        String base = head();
        repo.git().branchCreate().setName("feature").call();

        List<Event> events = poll();

        assertThat(events).extracting(Event::kind).containsExactly("git.branch");
        assertThat(events.getFirst().key()).isEqualTo(repo.dir() + ":refs/heads/feature:" + NONE + ".." + base);
        assertThat(events.getFirst().summary()).isEqualTo("branch feature created at " + base.substring(0, 7)
                + " in project");
    }

    @Test
    void commitsMadeOnANewBranchAreNotMissed() throws Exception {
        repo.git().checkout().setCreateBranch(true).setName("feature").call();
        repo.write("f.txt", "f\n");
        String sha = repo.commit("Feature work");

        List<Event> events = poll();

        assertThat(events).extracting(Event::kind).containsExactly("git.branch", "git.commit");
        assertThat(events.get(1).key()).isEqualTo(repo.dir() + "@" + sha);
        assertThat(events.get(1).summary()).contains(" on feature in project: Feature work");
    }

    @Test
    void aResetToAnOlderCommitIsABranchMoveWithoutCommits() throws Exception {
        String base = head();
        repo.write("a.txt", "a\n");
        String ahead = repo.commit("Add a");
        poll();

        repo.git().reset().setMode(ResetCommand.ResetType.HARD).setRef(base).call();
        List<Event> events = poll();

        assertThat(events).extracting(Event::kind).containsExactly("git.branch");
        assertThat(events.getFirst().key()).isEqualTo(repo.dir() + ":refs/heads/main:" + ahead + ".." + base);
        assertThat(events.getFirst().summary()).contains("moved from " + ahead.substring(0, 7) + " to "
                + base.substring(0, 7));
    }

    @Test
    void anAmendedCommitIsAMoveAndANewCommit() throws Exception {
        repo.write("a.txt", "a\n");
        repo.commit("Add a");
        poll();

        PersonIdent who = new PersonIdent("Test User", "test@example.com");
        String amended = repo.git().commit().setAmend(true).setMessage("Add a, better").setAuthor(who)
                .setCommitter(who).setSign(false).call().getName();
        List<Event> events = poll();

        assertThat(events).extracting(Event::kind).containsExactly("git.branch", "git.commit");
        assertThat(events.get(1).key()).endsWith("@" + amended);
    }

    @Test
    void aDeletedBranchIsReported() throws Exception {
        repo.git().branchCreate().setName("old").call();
        String at = head();
        poll();

        repo.git().branchDelete().setBranchNames("old").setForce(true).call();
        List<Event> events = poll();

        assertThat(events).extracting(Event::key).containsExactly(repo.dir() + ":refs/heads/old:" + at + ".." + NONE);
        assertThat(events.getFirst().summary()).isEqualTo("branch old deleted (was " + at.substring(0, 7)
                + ") in project");
        assertThat(poll()).isEmpty();
    }
}
