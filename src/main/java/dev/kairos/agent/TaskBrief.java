package dev.kairos.agent;

import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.heartbeat.Task;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * What Kairos gathers for a task from its own records, so the model need not spend steps looking for it: for a check,
 * what happened since it last ran ({@link SinceLastRun}); for a fix, the change whose test run failed
 * ({@link FailingChange}). Within the budget {@link TaskNeeds} gives it.
 */
final class TaskBrief {
    /** The section for the task's message (empty: none); {@code untrusted} when it holds someone else's text. */
    record Brief(String text, boolean untrusted) {
        static final Brief NONE = new Brief("", false);
    }

    private final SinceLastRun sinceLastRun;
    private final Worktrees worktrees;

    TaskBrief(SinceLastRun sinceLastRun, Worktrees worktrees) {
        this.sinceLastRun = sinceLastRun;
        this.worktrees = worktrees;
    }

    /** @param commit the commit a fix starts from (its worktree is checked out there) */
    Brief of(Task task, TaskNeeds needs, Optional<Event> event, Optional<Path> worktree, Optional<String> commit,
            Instant now) {
        if (needs.briefTokens() <= 0) return Brief.NONE;
        if (task.kind().equals("fix")) {
            if (worktree.isEmpty() || commit.isEmpty()) return Brief.NONE;
            Trust trust = event.map(Event::trust).orElse(task.trust());
            return worktrees.change(worktree.get(), commit.get())
                    .map(shown -> new Brief(FailingChange.section(shown, commit.get(), needs.briefTokens(), trust),
                            trust != Trust.TRUSTED))
                    .orElse(Brief.NONE);
        }
        return sinceLastRun.of(task, now, needs.briefTokens());
    }
}
