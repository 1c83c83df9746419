package dev.kairos.memory;

import java.util.ArrayList;
import java.util.List;

/**
 * What links a journal line and the notes made of it. A journal line, archived or not, is known by the first part of
 * its provenance: its id ("D1:7", "chat 1764000000000 user", "event 12"); a note names every line it was made of in
 * its provenance ("D1:7, D4:2"). The untrusted mark names no line.
 */
final class Sources {
    private static final String JOURNAL = "journal/";

    private Sources() {}

    /** Whether the item at {@code path} is a journal line: the record of what was said, in its order. */
    static boolean isLine(String path) {
        return path.startsWith(JOURNAL) || path.startsWith(MemoryFiles.ARCHIVE + JOURNAL);
    }

    /** What the item at {@code path} is known by (a line) or names (anything else). */
    static List<String> of(String path, String provenance) {
        List<String> parts = parts(provenance);
        if (isLine(path)) return parts.isEmpty() ? List.of() : List.of(parts.getFirst());
        return parts;
    }

    private static List<String> parts(String provenance) {
        List<String> out = new ArrayList<>();
        if (provenance == null) return out;
        for (String p : provenance.strip().split("\\s*,\\s*")) {
            if (!p.isEmpty() && !p.equalsIgnoreCase(Journal.UNTRUSTED_MARK) && !out.contains(p)) out.add(p);
        }
        return out;
    }
}
