package dev.kairos.sense;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.eclipse.jgit.diff.DiffEntry;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevObject;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.util.io.DisabledOutputStream;

/**
 * Compares a repository's local branches with the heads seen at the last poll: which commits are new, and which
 * branches were created, deleted or moved other than by a fast-forward.
 */
final class BranchScan {
    static final int MAX_COMMITS_PER_BRANCH = 50;
    static final int MAX_FILES = 100;
    static final String NONE = ObjectId.zeroId().name();

    record Commit(String branch, String sha, String author, String message, List<String> files) {}

    enum Change { CREATED, DELETED, MOVED }

    record BranchChange(String ref, String oldSha, String newSha, Change change) {
        String branch() {
            return Repository.shortenRefName(ref);
        }
    }

    /** The heads now, what changed, and the new commits (oldest first per branch, each commit once). */
    record Result(Map<String, String> heads, List<BranchChange> changes, List<Commit> commits, Set<String> newShas) {}

    private BranchScan() {}

    /** {@code known} is null the first time a repository is seen: its heads become the baseline, nothing is new. */
    static Result scan(Repository repo, Map<String, String> known) throws IOException {
        Map<String, String> heads = new TreeMap<>();
        for (Ref ref : repo.getRefDatabase().getRefsByPrefix(Constants.R_HEADS)) {
            if (!ref.isSymbolic() && ref.getObjectId() != null) heads.put(ref.getName(), ref.getObjectId().name());
        }
        if (known == null) return new Result(heads, List.of(), List.of(), Set.of());
        List<BranchChange> changes = new ArrayList<>();
        List<Commit> commits = new ArrayList<>();
        Set<String> newShas = new LinkedHashSet<>();
        for (var head : heads.entrySet()) {
            String ref = head.getKey();
            String now = head.getValue();
            String before = known.get(ref);
            if (now.equals(before)) continue;
            if (before == null) {
                changes.add(new BranchChange(ref, NONE, now, Change.CREATED));
            } else if (!isFastForward(repo, before, now)) {
                changes.add(new BranchChange(ref, before, now, Change.MOVED));
            }
            for (Commit c : newCommits(repo, ref, now, known.values(), before == null)) {
                if (newShas.add(c.sha())) commits.add(c);
            }
        }
        for (var old : known.entrySet()) {
            if (!heads.containsKey(old.getKey())) {
                changes.add(new BranchChange(old.getKey(), old.getValue(), NONE, Change.DELETED));
            }
        }
        return new Result(heads, changes, commits, newShas);
    }

    private static boolean isFastForward(Repository repo, String before, String now) throws IOException {
        try (RevWalk walk = new RevWalk(repo)) {
            RevCommit old = parseCommit(walk, before);
            return old != null && walk.isMergedInto(old, walk.parseCommit(ObjectId.fromString(now)));
        }
    }

    /**
     * Commits reachable from the branch's new head and from no head seen before. A new branch also leaves out what
     * the remote-tracking branches and tags reach, so checking out an existing remote branch replays no history.
     */
    private static List<Commit> newCommits(Repository repo, String ref, String head, Iterable<String> knownHeads,
            boolean newBranch) throws IOException {
        List<Commit> found = new ArrayList<>();
        try (RevWalk walk = new RevWalk(repo)) {
            walk.markStart(walk.parseCommit(ObjectId.fromString(head)));
            for (String sha : knownHeads) {
                RevCommit seen = parseCommit(walk, sha);
                if (seen != null) walk.markUninteresting(seen);
            }
            if (newBranch) {
                for (Ref other : repo.getRefDatabase().getRefsByPrefix(Constants.R_REMOTES, Constants.R_TAGS)) {
                    if (other.getObjectId() == null) continue;
                    RevObject target = walk.peel(walk.parseAny(other.getObjectId()));
                    if (target instanceof RevCommit c) walk.markUninteresting(c);
                }
            }
            String branch = Repository.shortenRefName(ref);
            for (RevCommit c : walk) {
                if (found.size() == MAX_COMMITS_PER_BRANCH) break;
                found.add(new Commit(branch, c.getName(), c.getAuthorIdent().getName() + " <"
                        + c.getAuthorIdent().getEmailAddress() + ">", c.getFullMessage().strip(), files(repo, c)));
            }
        }
        Collections.reverse(found);
        return found;
    }

    private static List<String> files(Repository repo, RevCommit commit) throws IOException {
        try (ObjectReader reader = repo.newObjectReader();
                RevWalk walk = new RevWalk(reader);
                DiffFormatter diff = new DiffFormatter(DisabledOutputStream.INSTANCE)) {
            diff.setRepository(repo);
            List<DiffEntry> entries;
            if (commit.getParentCount() == 0) {
                entries = diff.scan(new EmptyTreeIterator(), new CanonicalTreeParser(null, reader, commit.getTree()));
            } else {
                entries = diff.scan(walk.parseCommit(commit.getParent(0)).getTree(), commit.getTree());
            }
            return entries.stream()
                    .map(e -> e.getChangeType() == DiffEntry.ChangeType.DELETE ? e.getOldPath() : e.getNewPath())
                    .limit(MAX_FILES)
                    .toList();
        }
    }

    /** The commit, or null when the object is gone (garbage-collected after a rewrite) or is not a commit. */
    private static RevCommit parseCommit(RevWalk walk, String sha) throws IOException {
        try {
            return walk.parseCommit(ObjectId.fromString(sha));
        } catch (MissingObjectException | org.eclipse.jgit.errors.IncorrectObjectTypeException e) {
            return null;
        }
    }
}
