package dev.kairos.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What no tool writes, whatever the policy's rules say: Kairos's control files at the top of its workspace (the
 * configuration, the state, the locks, the logs, the keys, the cache of native libraries and the records of running
 * processes) and git metadata (a
 * {@code .git} folder or file, any git directory). Writing them would let a model widen its own permissions or make
 * git run a program of its choosing. AGENTS.md and HEARTBEAT.md, which change what the agent does unattended,
 * change only with the user's approval. Paths are real paths ({@link RealPaths}); names compare ignoring case, as a
 * case-insensitive file system would. The tools, the policy and the sandbox all decide from this one list.
 */
public final class ProtectedPaths {
    /** Top-level entries of the workspace that are Kairos's own, besides state.db*; not worktrees/, where tasks work. */
    private static final Set<String> CONTROL = Set.of("kairos.yaml", "agent.lock", "logs", "keys", "cache",
            "processes", "dream.lock");
    private static final Set<String> ASK = Set.of("agents.md", "heartbeat.md");
    private static final Set<String> SQLITE_SIDE_FILES = Set.of("state.db-wal", "state.db-shm", "state.db-journal");

    private ProtectedPaths() {}

    /** Why no tool may write {@code real} (a real path), or empty when this list does not forbid it. */
    public static Optional<String> neverWritten(Path real, Path workspace) {
        Optional<String> entry = topEntry(real, workspace);
        if (entry.isPresent() && isControl(entry.get())) {
            return Optional.of(entry.get() + " in " + workspace + " is one of Kairos's control files (configuration, "
                    + "state, lock, logs, keys, caches), which no tool writes; only the user edits kairos.yaml");
        }
        if (inGitMetadata(real)) {
            return Optional.of(real + " is git metadata (a .git folder or file, or a git directory), which no tool "
                    + "writes: its settings and hooks could make git run programs; commit with the git tool");
        }
        return Optional.empty();
    }

    /** Why writing {@code real} needs the user's approval even where a rule allows it, or empty. */
    public static Optional<String> needsApproval(Path real, Path workspace) {
        if (real.getFileName() == null || !RealPaths.real(workspace).equals(real.getParent())) return Optional.empty();
        String name = real.getFileName().toString();
        return ASK.contains(lower(name)) ? Optional.of(name + " changes what the agent does unattended, so it "
                + "changes only with the user's approval") : Optional.empty();
    }

    /**
     * The existing paths a sandboxed command must see read-only although they lie in writable folders: the
     * workspace's control files, AGENTS.md and HEARTBEAT.md, and each writable folder's git metadata (its
     * {@code .git}, the git directory a {@code .git} file points to, and the memory's own repository).
     */
    static List<Path> readOnlyInSandbox(Path workspace, List<Path> writableRoots) {
        Set<Path> out = new LinkedHashSet<>();
        Path home = RealPaths.real(workspace);
        try (Stream<Path> entries = Files.isDirectory(home) ? Files.list(home) : Stream.empty()) {
            entries.filter(p -> {
                String name = p.getFileName().toString();
                return isControl(name) || ASK.contains(lower(name));
            }).sorted().forEach(out::add);
        } catch (IOException e) {
            throw new ToolFailure("cannot list " + home + " to protect Kairos's control files: " + e.getMessage());
        }
        List<Path> repositories = new ArrayList<>(writableRoots);
        repositories.add(home.resolve("memory"));
        for (Path r : repositories) {
            Path dotGit = r.resolve(".git");
            if (!Files.exists(dotGit)) continue;
            Path real = RealPaths.real(dotGit);
            out.add(real);
            if (Files.isRegularFile(real)) gitDirOf(real).ifPresent(out::add);
        }
        // SQLite replays a state.db-wal or hot journal it finds on its next open: one planted while the agent holds
        // no connection (so none exists) could rewrite the approvals; these stay read-only even before they exist
        SQLITE_SIDE_FILES.forEach(n -> out.add(home.resolve(n)));
        return out.stream().filter(p -> (Files.exists(p) || SQLITE_SIDE_FILES.contains(p.getFileName().toString()))
                && RealPaths.isUnderAny(p, writableRoots)).toList();
    }

    /** The first name of {@code real} below the workspace, when it lies below it. */
    private static Optional<String> topEntry(Path real, Path workspace) {
        Path home = RealPaths.real(workspace);
        if (!real.startsWith(home) || real.equals(home)) return Optional.empty();
        return Optional.of(home.relativize(real).getName(0).toString());
    }

    private static boolean isControl(String name) {
        String n = lower(name);
        return CONTROL.contains(n) || n.startsWith("state.db");
    }

    /** A {@code .git} anywhere in the path, or a folder on the way that git would take for its directory. */
    private static boolean inGitMetadata(Path real) {
        for (Path name : real) if (name.toString().equalsIgnoreCase(".git")) return true;
        for (Path dir = real; dir != null; dir = dir.getParent()) {
            if (isGitDir(dir)) return true;
        }
        return false;
    }

    /** As git recognises one: a HEAD, with objects and refs (a repository's) or a commondir (a worktree's). */
    private static boolean isGitDir(Path dir) {
        if (!Files.isRegularFile(dir.resolve("HEAD"))) return false;
        return Files.isRegularFile(dir.resolve("commondir"))
                || Files.isDirectory(dir.resolve("objects")) && Files.isDirectory(dir.resolve("refs"));
    }

    /** The git directory a worktree's {@code .git} file points to ("gitdir: PATH"). */
    private static Optional<Path> gitDirOf(Path dotGitFile) {
        try {
            String text = Files.readString(dotGitFile).strip();
            if (!text.startsWith("gitdir:")) return Optional.empty();
            Path dir = dotGitFile.getParent().resolve(text.substring("gitdir:".length()).strip());
            return Files.isDirectory(dir) ? Optional.of(RealPaths.real(dir)) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
