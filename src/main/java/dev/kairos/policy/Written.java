package dev.kairos.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Files the command line writes before it may run them, and what is known of what they hold; shared by every part
 * of the line (a subshell's files stay on disk). Also git aliases set by the line, and descriptors opened on the
 * network ({@code exec 3<>/dev/tcp/…}).
 */
final class Written {
    /**
     * {@code network}: the file holds a download; {@code content}: its text, when the line says what it is;
     * {@code copyOf}: the program it is a copy of or a link to ({@code cp /bin/sh x}).
     */
    record Fact(boolean network, Optional<String> content, Optional<String> copyOf) {
        Fact(boolean network, Optional<String> content) {
            this(network, content, Optional.empty());
        }
    }

    private final Map<String, Fact> files = new HashMap<>();
    final Map<String, String> gitAliases = new HashMap<>();
    /** A download went to files whose names the line does not tell (wget -r, curl -J, an unpacked archive). */
    boolean unknownDownloads;
    boolean networkDescriptor;

    void record(Optional<String> path, Fact fact, boolean append) {
        if (path.isEmpty()) {
            unknownDownloads |= fact.network();
            return;
        }
        Fact before = files.get(path.get());
        if (append && before != null) {
            Optional<String> both = before.content().isPresent() && fact.content().isPresent()
                    ? Optional.of(before.content().get() + fact.content().get()) : Optional.empty();
            fact = new Fact(before.network() || fact.network(), both, Optional.empty());
        }
        files.put(path.get(), fact);
    }

    Optional<Fact> fact(Optional<String> path) {
        return path.map(files::get);
    }

    /** What reading {@code file} gives, as far as the line tells. */
    Out read(Arg file, Optional<String> cwd) {
        if (file.content().isPresent() || file.tainted()) return new Out(file.tainted(), file.content(), List.of());
        return fact(LexicalPath.key(file, cwd)).map(f -> new Out(f.network(), f.content(), List.of())).orElse(Out.UNKNOWN);
    }

    /** A file the line downloaded or copied a program to whose name is {@code name}: run by name from PATH. */
    Optional<Map.Entry<String, Fact>> named(String name) {
        return files.entrySet().stream()
                .filter(e -> e.getKey().endsWith("/" + name) && (e.getValue().network() || e.getValue().copyOf().isPresent()))
                .findFirst();
    }

    void forget(Optional<String> path) {
        path.ifPresent(files::remove);
    }
}
