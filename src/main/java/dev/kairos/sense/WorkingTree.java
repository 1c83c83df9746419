package dev.kairos.sense;

import dev.kairos.process.Git;
import dev.kairos.process.Result;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What differs in a working copy from its HEAD and index, by the hardened {@code git status}: JGit's status runs a
 * repository's clean filters, which its configuration can make any program.
 */
final class WorkingTree {
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    private WorkingTree() {}

    /** The changed and untracked paths, sorted; empty when the working copy is clean. */
    static SortedSet<String> changes(Git git, Path repo) throws IOException {
        // no optional locks: reading the status must not take index.lock from under the user's own git
        Result r = git.run(repo, TIMEOUT, "--no-optional-locks", "status", "--porcelain", "-z", "--untracked-files=all");
        if (!r.ok() || r.output().cutBytes() > 0) {
            throw new IOException("git status failed: " + r.text().strip().lines().findFirst().orElse(r.ending().name()));
        }
        SortedSet<String> paths = new TreeSet<>();
        String[] fields = r.text().split("\0");
        for (int i = 0; i < fields.length; i++) {
            String f = fields[i];
            if (f.length() < 4) continue;
            paths.add(f.substring(3));
            char x = f.charAt(0);
            if (x == 'R' || x == 'C') i++; // the next field is the path it was renamed or copied from
        }
        return paths;
    }
}
