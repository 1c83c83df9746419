package dev.kairos.agent;

import dev.kairos.event.Event;
import dev.kairos.heartbeat.Task;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The seam for fix tasks whose event is not a local sensor's (a failed GitHub check): where the task's worktree
 * branches from and which test command verifies it, and what a verified or unverified fix sets off, recorded in the
 * same transaction that marks the task done or failed. Kairos still verifies the fix itself ({@link FixCheck}).
 */
public interface Fixes {
    /** The local repository to branch the task's worktree from, the failing commit, the test command (if known). */
    record Site(Path repo, String sha, Optional<String> testCommand) {}

    /**
     * What Kairos saw: the task's worktree (its HEAD is the verified fix), the failing commit, the test command and
     * the end of its passing output, and Kairos's one-line verdict.
     */
    record Verified(Path worktree, String failingSha, String testCommand, String outputTail, String verdict) {}

    /**
     * Where the fix for {@code e} happens; empty when this seam does not handle {@code e} (the local sensors' events
     * carry their own). Throws IllegalStateException, with the reason, when it does but cannot (the commit cannot be
     * fetched): the task fails.
     */
    Optional<Site> site(Event e);

    /** Inside the transaction marking {@code task} done: what the verified fix sets off (an outbox effect). */
    void verified(Handle h, Task task, Event e, Verified fix, Instant now);

    /** Inside the transaction marking {@code task} failed: the fix could not be verified, so nothing goes out. */
    void unverified(Handle h, Task task, Event e, String reason, Instant now);

    /** Handles nothing: every fix task is a local sensor's. */
    Fixes NONE = new Fixes() {
        @Override
        public Optional<Site> site(Event e) {
            return Optional.empty();
        }

        @Override
        public void verified(Handle h, Task task, Event e, Verified fix, Instant now) {}

        @Override
        public void unverified(Handle h, Task task, Event e, String reason, Instant now) {}
    };
}
