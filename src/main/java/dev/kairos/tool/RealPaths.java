package dev.kairos.tool;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;

/**
 * Paths as the kernel will see them: symbolic links and {@code ..} resolved in the part that exists, so a check
 * that a path lies under a root cannot be fooled by {@code ../} or by a link that points out of it. Tools and the
 * policy both decide on these paths.
 */
public final class RealPaths {
    private RealPaths() {}

    /**
     * {@code input} resolved against {@code base} (an absolute input stands alone). Throws IllegalArgumentException,
     * with a message for the model, when the path cannot be resolved safely.
     */
    public static Path resolve(Path base, String input) {
        if (input == null || input.isBlank()) throw new IllegalArgumentException("the path is empty");
        Path p;
        try {
            p = base.resolve(input.strip()).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException("'" + input + "' is not a valid path: " + e.getReason());
        }
        // Walk down while the path exists (without following the last link, so a dangling link is seen as one).
        Path existing = p.getRoot();
        int i = 0;
        for (; i < p.getNameCount(); i++) {
            Path next = existing.resolve(p.getName(i));
            if (!Files.exists(next, LinkOption.NOFOLLOW_LINKS)) break;
            existing = next;
        }
        Path real;
        try {
            real = existing.toRealPath();
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("'" + input + "' goes through a symbolic link to a missing target");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot resolve '" + input + "': " + e.getMessage());
        }
        for (; i < p.getNameCount(); i++) {
            String name = p.getName(i).toString();
            if (name.equals(".")) continue;
            if (name.equals("..")) {
                throw new IllegalArgumentException("'" + input + "' uses '..' after a folder that does not exist");
            }
            real = real.resolve(name);
        }
        return real;
    }

    /** An existing folder's real path (roots are compared in this form). */
    public static Path real(Path path) {
        return resolve(path, path.toString());
    }

    /** Whether {@code path} (a real path) is {@code root} or lies under it; {@code root} is made real first. */
    public static boolean isUnder(Path path, Path root) {
        return path.startsWith(realOrSelf(root));
    }

    public static boolean isUnderAny(Path path, Collection<Path> roots) {
        for (Path root : roots) if (isUnder(path, root)) return true;
        return false;
    }

    private static Path realOrSelf(Path root) {
        try {
            return real(root.toAbsolutePath());
        } catch (IllegalArgumentException e) {
            return root.toAbsolutePath().normalize();
        }
    }
}
