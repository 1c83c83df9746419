package dev.kairos.policy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/** Paths compared as text: "//" collapsed, "." and ".." resolved without looking at the disk (as rm and cd see them). */
final class LexicalPath {
    private LexicalPath() {}

    /** The folders from the root down to {@code path}; empty when it is relative and the folder is not known. */
    static Optional<List<String>> components(String path, Optional<String> cwd) {
        if (!path.startsWith("/") && cwd.isEmpty()) return Optional.empty();
        String full = path.startsWith("/") ? path : cwd.get() + "/" + path;
        Deque<String> out = new ArrayDeque<>();
        for (String c : full.split("/")) {
            if (c.isEmpty() || c.equals(".")) continue;
            if (c.equals("..")) {
                if (!out.isEmpty()) out.removeLast();
            } else {
                out.addLast(c);
            }
        }
        return Optional.of(List.copyOf(out));
    }

    static Optional<String> absolute(String path, Optional<String> cwd) {
        return components(path, cwd).map(c -> "/" + String.join("/", c));
    }

    /** How the line's files are told apart: absolute when it can be, else relative to an unknown folder. */
    static Optional<String> key(Arg a, Optional<String> cwd) {
        if (!a.known()) return Optional.empty();
        return absolute(a.text(), cwd).or(() -> absolute(a.text(), Optional.of("/?")));
    }
}
