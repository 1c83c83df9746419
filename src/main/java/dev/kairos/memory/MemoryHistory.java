package dev.kairos.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.JGitInternalException;
import org.eclipse.jgit.lib.PersonIdent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * memory/'s git history as Kairos writes memory: each write (a journal line, a fact remembered) is a commit of the
 * one file it changed, at the time it happened. So every change to memory is a commit, and a dream finds nothing
 * left to commit: it is one commit of its own, which its undo reverts exactly. A memory folder that is no git
 * repository (a benchmark's) is not versioned. A class of its own, called only when memory is written, so that a
 * command that writes none does not load JGit (verifying its signed jar costs ~200 ms).
 */
final class MemoryHistory {
    private static final Logger log = LoggerFactory.getLogger(MemoryHistory.class);

    private MemoryHistory() {}

    /**
     * Stages {@code path} (relative to {@code memoryDir}) as it is now and commits; anything else staged by hand goes
     * along (JGit's commit of one path alone walks the whole working tree, at every line). When the repository is
     * busy (another writer holds its lock) the file stays as written, uncommitted: the next commit of that file takes
     * it along, and a dream commits whatever it finds uncommitted before it starts.
     */
    static void commit(Path memoryDir, String path, String message, Instant at, ZoneId zone) {
        if (!Files.isDirectory(memoryDir.resolve(".git"))) return;
        try (Git git = Git.open(memoryDir.toFile())) {
            git.add().addFilepattern(path).call();
            PersonIdent kairos = new PersonIdent("Kairos", "kairos@localhost", at, zone);
            git.commit().setMessage(message).setAuthor(kairos).setCommitter(kairos).setSign(false)
                    .setNoVerify(true).call();
        } catch (IOException | GitAPIException | JGitInternalException e) {
            log.warn("memory commit left for later path={} reason={}", path, e.getMessage());
        }
    }
}
