package dev.kairos.tool;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Turns a path from the model into a real path the task may read or write, or refuses with the reason. */
final class Access {
    private Access() {}

    static Path readable(ToolContext ctx, String input) {
        List<Path> roots = new ArrayList<>(ctx.writableRoots());
        roots.addFirst(ctx.root());
        return within(ctx, input, roots, "read");
    }

    /** Also refuses Kairos's control files and git metadata, whatever the roots ({@link ProtectedPaths}). */
    static Path writable(ToolContext ctx, String input) {
        Path real = within(ctx, input, ctx.writableRoots(), "write");
        ProtectedPaths.neverWritten(real, ctx.workspace()).ifPresent(why -> {
            throw new ToolFailure("refused: " + why);
        });
        return real;
    }

    /**
     * The agent's lock and database. Never opened in-process by a tool: closing any descriptor of a file drops this
     * process's POSIX locks on it, which would let a second agent start or corrupt SQLite.
     */
    static boolean isAgentState(Path p) {
        String name = p.getFileName() == null ? "" : p.getFileName().toString();
        return name.equals("agent.lock") || name.startsWith("state.db");
    }

    /** The path as the model should see it: relative to the root when under it. */
    static String show(ToolContext ctx, Path real) {
        Path root = RealPaths.real(ctx.root());
        if (real.equals(root)) return ".";
        return real.startsWith(root) ? root.relativize(real).toString() : real.toString();
    }

    private static Path within(ToolContext ctx, String input, List<Path> roots, String verb) {
        Path real;
        try {
            real = RealPaths.resolve(ctx.root(), input);
        } catch (IllegalArgumentException e) {
            throw new ToolFailure(e.getMessage());
        }
        if (isAgentState(real)) {
            throw new ToolFailure("refused: " + real.getFileName() + " is Kairos's own state; use memory_search, "
                    + "memory_get or the kairos commands instead");
        }
        if (!RealPaths.isUnderAny(real, roots)) {
            throw new ToolFailure("refused: '" + input + "' is " + real + ", outside the folders this task may "
                    + verb + " (" + String.join(", ", roots.stream().map(Path::toString).distinct().toList()) + ")");
        }
        return real;
    }
}
