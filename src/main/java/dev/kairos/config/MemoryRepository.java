package dev.kairos.config;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * The memory folder's own git repository, made once by `init`. A class of its own so that no other command loads
 * JGit: its jar is signed, and verifying it costs a short command about 200 ms.
 */
final class MemoryRepository {
    private MemoryRepository() {}

    static void init(Path memoryDir) throws IOException {
        try (Git git = Git.init().setDirectory(memoryDir.toFile()).setInitialBranch("main").call()) {
            git.add().addFilepattern(".").call();
            PersonIdent kairos = new PersonIdent("Kairos", "kairos@localhost");
            git.commit().setMessage("Memory begins").setAuthor(kairos).setCommitter(kairos).setSign(false)
                    .setNoVerify(true).call();
        } catch (GitAPIException e) {
            throw new IOException("cannot initialise the memory repository: " + e.getMessage(), e);
        }
    }
}
