package dev.kairos.sense;

import dev.kairos.json.Json;
import dev.kairos.event.Event;
import dev.kairos.process.Git;
import dev.kairos.process.ProcessRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.SortedSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.Repository;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the watched git repositories: new commits ({@code git.commit}), branches created, deleted or moved by
 * anything but a fast-forward ({@code git.branch}), changes left uncommitted too long ({@code git.uncommitted}) and,
 * where a watch has a test command, the result of testing each new head of the checked-out branch
 * ({@code tests.passed}, {@code tests.failed}). Tests run on the given executor, never on the polling thread; a
 * finished run wakes the heartbeat and its event comes with the next poll. What was seen, and which test runs are
 * owed, is kept in the store, so a restart neither repeats nor misses anything.
 */
public final class GitSensor implements Sensor {
    public static final Duration DEFAULT_UNCOMMITTED_AFTER = Duration.ofHours(4);
    public static final Duration DEFAULT_TEST_TIMEOUT = Duration.ofMinutes(10);
    private static final Logger log = LoggerFactory.getLogger(GitSensor.class);
    private static final String HEADS = "heads:";
    private static final String DIRTY_SINCE = "dirty-since:";
    private static final String DIRTY_REPORTED = "dirty-reported:";

    private final StagedState state;
    private final TestRuns testRuns;
    private final Supplier<List<Watch>> watches;
    private final Executor testExecutor;
    private final Duration uncommittedAfter;
    private final TestRun tests;
    private final Git git;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    /** Runs whose results are stored: no longer running once the polling thread has seen that. */
    private final Queue<String> finished = new ConcurrentLinkedQueue<>();
    private final Set<Path> warned = new HashSet<>();
    private volatile Runnable wake = () -> {};
    private volatile boolean closed;

    /** With the default thresholds: uncommitted after 4 hours, tests killed after 10 minutes. */
    public GitSensor(Jdbi jdbi, Supplier<List<Watch>> watches, Path worktreesDir, Executor testExecutor,
            ProcessRunner processes) {
        this(jdbi, watches, worktreesDir, testExecutor, processes, DEFAULT_UNCOMMITTED_AFTER, DEFAULT_TEST_TIMEOUT);
    }

    /**
     * @param worktreesDir where test runs get their temporary worktrees, e.g. {@code KAIROS_HOME/worktrees}
     * @param testExecutor runs the test commands; must not be the heartbeat's own thread in production
     * @param processes starts git and the test commands
     */
    public GitSensor(Jdbi jdbi, Supplier<List<Watch>> watches, Path worktreesDir, Executor testExecutor,
            ProcessRunner processes, Duration uncommittedAfter, Duration testTimeout) {
        SensorState stored = new SensorState(jdbi, name());
        this.state = new StagedState(stored);
        this.testRuns = new TestRuns(stored);
        this.watches = watches;
        this.testExecutor = testExecutor;
        this.uncommittedAfter = uncommittedAfter;
        this.tests = new TestRun(worktreesDir, testTimeout, processes);
        this.git = new Git(processes);
    }

    @Override
    public String name() {
        return "git";
    }

    @Override
    public List<Event> poll(Instant now) {
        state.commit();
        testRuns.forgetReported();
        for (String key; (key = finished.poll()) != null; ) running.remove(key); // its debt is gone from the store
        List<Event> events = new ArrayList<>();
        for (Watch watch : watches.get()) {
            Path path = watch.path();
            if (!Files.isDirectory(path)) {
                warnOnce(path, "the folder is missing");
                continue;
            }
            if (!Files.exists(path.resolve(".git"))) continue; // a plain folder: the file sensor follows it
            try (Repository repo = Watches.openRepo(path)) {
                events.addAll(pollRepo(repo, watch, now));
                warned.remove(path);
            } catch (IOException | RuntimeException e) {
                warnOnce(path, e.getMessage());
            }
        }
        for (TestRun.Result r : testRuns.toReport()) events.add(GitEvents.tests(r, now));
        if (events.isEmpty()) state.commit();
        return events;
    }

    @Override
    public void onWake(Runnable wake) {
        this.wake = wake;
    }

    /**
     * Stops recording results: a run cut short by the stop (the process runner kills it) is still owed and runs
     * again after a restart.
     */
    @Override
    public void close() {
        closed = true;
    }

    private List<Event> pollRepo(Repository repo, Watch watch, Instant now) throws IOException {
        Path path = watch.path();
        // everything that can fail comes first, so that a failure leaves the state as it was
        BranchScan.Result scan = BranchScan.scan(repo, knownHeads(path));
        String checkedOut = repo.getFullBranch();
        SortedSet<String> changes = WorkingTree.changes(git, path);

        List<Event> events = new ArrayList<>();
        state.put(HEADS + path, Json.write(scan.heads()));
        scan.changes().forEach(c -> events.add(GitEvents.branch(path, c, now)));
        scan.commits().forEach(c -> events.add(GitEvents.commit(path, c, now)));
        String head = checkedOut == null ? null : scan.heads().get(checkedOut);
        if (watch.testCommand().isPresent() && head != null && scan.newShas().contains(head)) {
            testRuns.owe(path, head, watch.testCommand().get()); // at once: a crash must not lose it
        }
        testRuns.owed(path).forEach((sha, command) -> startTests(path, sha, command));
        uncommitted(changes, path, now).ifPresent(events::add);
        return events;
    }

    /** The heads seen at the last poll; null at first sight (or if what was stored cannot be read). */
    private Map<String, String> knownHeads(Path path) {
        try {
            return state.get(HEADS + path).map(Json::readStrings).orElse(null);
        } catch (IllegalStateException e) {
            log.warn("forgetting unreadable git state, starting afresh repo={} reason={}", path, e.getMessage());
            return null;
        }
    }

    private Optional<Event> uncommitted(SortedSet<String> changes, Path path, Instant now) {
        if (changes.isEmpty()) {
            state.remove(DIRTY_SINCE + path);
            state.remove(DIRTY_REPORTED + path);
            return Optional.empty();
        }
        String sinceText = state.get(DIRTY_SINCE + path).filter(t -> t.matches("\\d{1,19}")).orElse(null);
        if (sinceText == null) {
            state.put(DIRTY_SINCE + path, Long.toString(now.toEpochMilli()));
            return Optional.empty();
        }
        Instant since = Instant.ofEpochMilli(Long.parseLong(sinceText));
        boolean reported = state.get(DIRTY_REPORTED + path).filter(sinceText::equals).isPresent();
        if (reported || Duration.between(since, now).compareTo(uncommittedAfter) <= 0) {
            return Optional.empty();
        }
        state.put(DIRTY_REPORTED + path, sinceText);
        return Optional.of(GitEvents.uncommitted(path, since, List.copyOf(changes), now));
    }

    private void startTests(Path repo, String sha, String command) {
        String key = TestRuns.key(repo, sha);
        if (!running.add(key)) return;
        try {
            testExecutor.execute(() -> {
                TestRun.Result result = tests.run(repo, sha, command);
                if (closed || Thread.currentThread().isInterrupted()) return; // cut short by the stop: still owed
                testRuns.done(result);
                finished.add(key);
                wake.run();
            });
        } catch (RejectedExecutionException e) {
            running.remove(key);
            log.warn("cannot start tests repo={} sha={} reason=executor-rejected", repo, sha);
        }
    }

    private void warnOnce(Path path, String reason) {
        if (warned.add(path)) log.warn("cannot read watched repository path={} reason={}", path, reason);
    }
}
