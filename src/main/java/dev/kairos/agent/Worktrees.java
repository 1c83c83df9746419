package dev.kairos.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A task's own git worktree on a branch of its own, so proactive work never touches the user's checkout. Made with
 * the `git` command (JGit has no worktrees).
 */
final class Worktrees {
    private final Path dir;

    Worktrees(Path dir) {
        this.dir = dir;
    }

    /** The worktree of task {@code id} in {@code repo} at {@code commit}; reused when it exists. */
    Path forTask(long id, Path repo, String commit) {
        Path tree = dir.resolve("task-" + id);
        if (Files.isDirectory(tree)) return tree;
        String branch = branch(id);
        git(repo, "worktree", "prune"); // a folder deleted by hand is still registered, and add would refuse
        if (run(repo, "merge-base", "--is-ancestor", commit, "refs/heads/" + branch).exit() == 0) {
            git(repo, "worktree", "add", tree.toString(), branch); // the task's earlier commits stay
        } else {
            git(repo, "worktree", "add", "-B", branch, tree.toString(), commit);
        }
        return tree;
    }

    static String branch(long id) {
        return "kairos/task-" + id;
    }

    private static void git(Path repo, String... args) {
        Outcome o = run(repo, args);
        if (o.exit() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed in " + repo + ": " + o.output());
        }
    }

    private record Outcome(int exit, String output) {}

    private static Outcome run(Path repo, String... args) {
        List<String> cmd = new java.util.ArrayList<>(List.of("git", "-C", repo.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("git " + args[0] + " took over a minute in " + repo);
            }
            return new Outcome(p.exitValue(), out.strip());
        } catch (IOException e) {
            throw new IllegalStateException("cannot run git in " + repo + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running git in " + repo, e);
        }
    }
}
