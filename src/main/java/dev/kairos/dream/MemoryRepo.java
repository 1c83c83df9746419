package dev.kairos.dream;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.ResetCommand;
import org.eclipse.jgit.api.RevertCommand;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * memory/'s own git history, through JGit: every dream is one commit, and a dream's changes are undone by a revert.
 * Kairos commits its own writes as it makes them (the journal, facts remembered); whatever is still uncommitted when
 * a dream starts (a hand edit, a write that found the repository busy) is committed first, apart, so a dream's
 * commit holds the dream and nothing else.
 */
final class MemoryRepo implements AutoCloseable {
    static final String DREAM = "Dream ";
    static final String UNDO = "Undo dream ";

    private final Git git;
    private final InstantSource clock;
    private final ZoneId zone;

    private MemoryRepo(Git git, InstantSource clock, ZoneId zone) {
        this.git = git;
        this.clock = clock;
        this.zone = zone;
    }

    /** Opens memory/'s repository, creating it (with everything in it as a first commit) when there is none. */
    static MemoryRepo open(Path dir, InstantSource clock, ZoneId zone) throws IOException {
        try {
            if (Files.isDirectory(dir.resolve(".git"))) return new MemoryRepo(Git.open(dir.toFile()), clock, zone);
            Files.createDirectories(dir);
            MemoryRepo repo = new MemoryRepo(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(),
                    clock, zone);
            repo.commitAll("Memory begins");
            return repo;
        } catch (GitAPIException e) {
            throw new IOException("cannot open memory's git repository in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Commits whatever changed in the working tree; returns the new head, or empty when nothing had changed. */
    Optional<String> commitAll(String message) throws IOException {
        try {
            git.add().addFilepattern(".").call();
            git.add().addFilepattern(".").setUpdate(true).call();
            if (head().isPresent() && git.status().call().isClean()) return Optional.empty();
            PersonIdent kairos = new PersonIdent("Kairos", "kairos@localhost", clock.instant(), zone);
            RevCommit c = git.commit().setMessage(message).setAuthor(kairos).setCommitter(kairos).setSign(false).call();
            return Optional.of(c.name());
        } catch (GitAPIException e) {
            throw new IOException("cannot commit to memory's git repository: " + e.getMessage(), e);
        }
    }

    Optional<String> head() throws IOException {
        ObjectId id = git.getRepository().resolve("HEAD");
        return Optional.ofNullable(id).map(ObjectId::name);
    }

    /** Puts the working tree back to {@code commit} exactly: changed files restored, files it lacks removed. */
    void restore(String commit) throws IOException {
        try {
            git.reset().setMode(ResetCommand.ResetType.HARD).setRef(commit).call();
            git.clean().setCleanDirectories(true).call();
        } catch (GitAPIException e) {
            throw new IOException("cannot restore memory to " + commit + ": " + e.getMessage(), e);
        }
    }

    /** The newest dream not undone yet, walking back from the head. */
    Optional<RevCommit> lastDream() throws IOException {
        if (head().isEmpty()) return Optional.empty();
        java.util.Set<String> undone = new java.util.HashSet<>();
        try {
            for (RevCommit c : git.log().call()) {
                String m = c.getFullMessage();
                if (m.startsWith(UNDO)) undone.add(m.substring(UNDO.length()).split("\\s", 2)[0]);
                if (m.startsWith(DREAM) && !undone.contains(c.name())) return Optional.of(c);
            }
            return Optional.empty();
        } catch (GitAPIException e) {
            throw new IOException("cannot read memory's git history: " + e.getMessage(), e);
        }
    }

    /**
     * Reverts {@code dream} on top of the head; returns the new commit, or empty when later changes to the same lines
     * make that impossible (the working tree is then left as the head).
     */
    Optional<String> revert(RevCommit dream) throws IOException {
        String before = head().orElseThrow();
        try {
            RevertCommand revert = git.revert().include(dream).setOurCommitName("memory");
            RevCommit done = revert.call();
            if (done == null || revert.getFailingResult() != null || revert.getUnmergedPaths() != null && !revert.getUnmergedPaths().isEmpty()) {
                restore(before);
                return Optional.empty();
            }
            // JGit signs the revert with the configured identity and its own message: make it ours.
            PersonIdent kairos = new PersonIdent("Kairos", "kairos@localhost", clock.instant(), zone);
            RevCommit ours = git.commit().setAmend(true).setAuthor(kairos).setCommitter(kairos).setSign(false)
                    .setMessage(UNDO + dream.name() + "\n\nReverts: " + dream.getShortMessage() + "\n").call();
            return Optional.of(ours.name());
        } catch (GitAPIException e) {
            restore(before);
            throw new IOException("cannot undo the dream " + dream.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        git.close();
    }
}
