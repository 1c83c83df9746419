package dev.kairos.agent;

import dev.kairos.process.Git;
import dev.kairos.process.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A task's own git worktree on a branch of its own, so proactive work never touches the user's checkout. Made with
 * the hardened `git` command (JGit has no worktrees).
 */
final class Worktrees {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private final Path dir;
    private final Git git;

    Worktrees(Path dir, Git git) {
        this.dir = dir;
        this.git = git;
    }

    /** The worktree of task {@code id} in {@code repo} at {@code commit}; reused when it exists. */
    Path forTask(long id, Path repo, String commit) {
        Path tree = dir.resolve("task-" + id);
        if (Files.isDirectory(tree)) return tree;
        String branch = branch(id);
        git(repo, "worktree", "prune"); // a folder deleted by hand is still registered, and add would refuse
        if (git.run(repo, TIMEOUT, "merge-base", "--is-ancestor", commit, "refs/heads/" + branch).ok()) {
            git(repo, "worktree", "add", tree.toString(), branch); // the task's earlier commits stay
        } else {
            git(repo, "worktree", "add", "-B", branch, tree.toString(), commit);
        }
        return tree;
    }

    /** What {@code commit} changed, as {@code git show} prints it in {@code tree} (empty when git cannot say). */
    Optional<String> change(Path tree, String commit) {
        Result r = git.run(tree, TIMEOUT, "show", "--no-color", "--no-ext-diff", "--no-textconv",
                "--format=commit %h: %s", commit);
        return r.ok() && !r.text().isBlank() ? Optional.of(r.text()) : Optional.empty();
    }

    static String branch(long id) {
        return "kairos/task-" + id;
    }

    private void git(Path repo, String... args) {
        Result r = git.run(repo, TIMEOUT, args);
        if (r.timedOut()) throw new IllegalStateException("git " + args[0] + " took over a minute in " + repo);
        if (!r.ok()) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed in " + repo + ": "
                    + r.text().strip());
        }
    }
}
