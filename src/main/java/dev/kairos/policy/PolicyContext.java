package dev.kairos.policy;

import dev.kairos.event.Trust;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the policy needs to know about the task making a call.
 *
 * @param trust UNTRUSTED when the task was started by someone else's text (taint)
 * @param root where the task's relative paths resolve (its worktree, or the workspace)
 * @param worktree the task's own worktree, if it has one
 * @param watchedRoots the watched repositories and folders
 * @param allowedCommands the configured test and build commands, allowed as they are written
 * @param sandboxed whether run_command confines commands (bubblewrap); without it no command runs unasked
 */
public record PolicyContext(Trust trust, Path root, Optional<Path> worktree, Path workspace, List<Path> watchedRoots,
        List<String> allowedCommands, boolean sandboxed) {

    public PolicyContext {
        watchedRoots = List.copyOf(watchedRoots);
        allowedCommands = List.copyOf(allowedCommands);
    }

    /** The same call site for a task of this trust (a task that has read untrusted text is UNTRUSTED). */
    public PolicyContext withTrust(Trust t) {
        return new PolicyContext(t, root, worktree, workspace, watchedRoots, allowedCommands, sandboxed);
    }
}
