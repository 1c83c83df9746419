package dev.kairos.process;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * A started process and everything it started. A tethered process leads a session of its own (its pid is the
 * session id), so what it started is found even after it was re-parented; Linux keeps a session's id from being
 * reused while any process is in it.
 */
final class ProcessTree {
    private static final int ROUNDS = 5;
    private static final Duration GONE_WAIT = Duration.ofMillis(500);

    private final Process process;
    private final boolean ownSession;
    private final Optional<Long> started;

    ProcessTree(Process process, boolean ownSession) {
        this.process = process;
        this.ownSession = ownSession;
        this.started = process.toHandle().info().startInstant().map(java.time.Instant::toEpochMilli);
    }

    long pid() {
        return process.pid();
    }

    /** Start time in epoch milliseconds, told apart from a later process with the same id; empty if unknown. */
    Optional<Long> started() {
        return started;
    }

    boolean ownSession() {
        return ownSession;
    }

    /** Kills the process, its descendants and whatever is left in its session; returns how many it signalled. */
    int kill() {
        return killAll(process.toHandle(), ownSession, process.pid(), h -> true);
    }

    /** Kills what the process left running in its session after it exited. */
    int killStragglers() {
        return ownSession ? killAll(process.toHandle(), true, process.pid(), h -> true) : 0;
    }

    /**
     * Kills the session {@code sid} left by a runner that is gone, unless the id now belongs to another process
     * (its start time differs). Where /proc tells, only processes whose environment carries {@code mark} (which
     * the runner gave every child) are killed: a record planted by hand cannot name a stranger. Returns how many
     * processes it signalled.
     */
    static int killLeftover(long sid, Optional<Long> startedMillis, boolean ownSession, String mark) {
        Optional<ProcessHandle> leader = ProcessHandle.of(sid);
        if (leader.isPresent() && (startedMillis.isEmpty() || !ProcessTable.isSame(sid, startedMillis.get()))) {
            return 0; // gone, and its id reused by a process that is not ours (a live leader keeps its start time)
        }
        if (leader.isEmpty() && !ownSession) return 0; // nothing to find it by
        Predicate<ProcessHandle> ours = h -> !ProcessTable.available() || ProcessTable.environmentHas(h.pid(), mark);
        return killAll(leader.orElse(null), ownSession, sid, ours);
    }

    private static int killAll(ProcessHandle root, boolean session, long sid, Predicate<ProcessHandle> ours) {
        Set<Long> signalled = new LinkedHashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<ProcessHandle> found = running(root, session, sid).stream().filter(ours).toList();
            if (found.isEmpty()) break;
            for (ProcessHandle h : found) {
                h.destroyForcibly();
                signalled.add(h.pid());
            }
            awaitGone(found); // whatever forked between listing and killing shows up in the next round
        }
        return signalled.size();
    }

    private static List<ProcessHandle> running(ProcessHandle root, boolean session, long sid) {
        Set<ProcessHandle> found = new LinkedHashSet<>();
        if (root != null) {
            found.add(root);
            root.descendants().forEach(found::add);
        }
        if (session) ProcessTable.session(sid).forEach(pid -> ProcessHandle.of(pid).ifPresent(found::add));
        long self = ProcessHandle.current().pid();
        return found.stream().filter(h -> h.pid() != self && ProcessTable.running(h.pid())).toList();
    }

    private static void awaitGone(List<ProcessHandle> killed) {
        long end = System.nanoTime() + GONE_WAIT.toNanos();
        while (killed.stream().anyMatch(h -> ProcessTable.running(h.pid())) && System.nanoTime() - end < 0) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
