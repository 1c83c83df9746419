package dev.kairos.sense;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.jdbi.v3.core.Jdbi;

/** The folders and repositories the user follows ({@code kairos watch PATH}), kept in the {@code watches} table. */
public final class Watches {
    private final Jdbi jdbi;

    public Watches(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Follows {@code path}, stored as its absolute real path. Adding a followed path again sets its test command to
     * the one given ({@code null} or blank removes it) and keeps when it was first added.
     *
     * @throws IllegalArgumentException when {@code path} is not an existing folder
     */
    public Watch add(Path path, String testCommandOrNull, Instant at) {
        Path real;
        try {
            real = path.toAbsolutePath().toRealPath();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot watch " + path + ": no such folder");
        }
        if (!Files.isDirectory(real)) {
            throw new IllegalArgumentException("cannot watch " + path + ": it is a file; watch the folder it is in");
        }
        Watch watch = new Watch(real, Optional.ofNullable(testCommandOrNull));
        jdbi.useHandle(h -> h.createUpdate("""
                INSERT INTO watches (path, test_command, added_at) VALUES (:path, :command, :at)
                ON CONFLICT (path) DO UPDATE SET test_command = excluded.test_command""")
                .bind("path", real.toString())
                .bind("command", watch.testCommand().orElse(null))
                .bind("at", at.toEpochMilli())
                .execute());
        return watch;
    }

    /** Every followed path, in path order. */
    public List<Watch> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT path, test_command FROM watches ORDER BY path")
                .map((rs, ctx) -> new Watch(Path.of(rs.getString("path")),
                        Optional.ofNullable(rs.getString("test_command"))))
                .list());
    }

    /** Whether {@code path} is the top folder of a git working tree (a {@code .git} folder or file in it). */
    public static boolean isGitRepo(Path path) {
        if (!Files.exists(path.resolve(".git"))) return false;
        try (Repository repo = openRepo(path)) {
            return repo.getObjectDatabase().exists();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Opens the repository whose working tree is {@code workTree}; {@code .git} files (linked worktrees) work. */
    static Repository openRepo(Path workTree) throws IOException {
        return new FileRepositoryBuilder().setWorkTree(workTree.toFile()).setMustExist(true).build();
    }
}
