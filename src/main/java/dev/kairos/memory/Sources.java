package dev.kairos.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What links a journal line and the notes made of it (the table memory_sources). A journal line, archived or not, is
 * known by the first part of its provenance: its id ("D1:7", "chat 1764000000000 user", "event 12"); a note names
 * every line it was made of in its provenance ("D1:7, D4:2"). The untrusted mark names no line.
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

    /**
     * The notes next to each given note in the conversation, keyed by the given id: the notes naming the journal
     * lines just before and after the lines it names. A note's own file holds one speaker's notes; the journal,
     * archived or not, holds the turns in the order they were said.
     */
    static Map<Long, List<Long>> conversationNeighbours(MemoryIndex index, Collection<Long> ids) {
        Map<Long, List<Long>> out = new HashMap<>();
        Map<Long, List<Long>> linesOf = index.pairs("""
                SELECT s.item_id, l.item_id FROM memory_sources s
                JOIN memory_sources l ON l.source = s.source AND l.is_line = 1
                WHERE s.is_line = 0 AND s.item_id IN (SELECT value FROM json_each(?))""", ids);
        if (linesOf.isEmpty()) return out;
        Map<Long, List<Long>> around = index.neighbours(linesOf.values().stream().flatMap(List::stream).distinct()
                .toList());
        Map<Long, List<Long>> notesOf = index.pairs("""
                SELECT l.item_id, s.item_id FROM memory_sources l
                JOIN memory_sources s ON s.source = l.source AND s.is_line = 0
                WHERE l.is_line = 1 AND l.item_id IN (SELECT value FROM json_each(?))""",
                around.values().stream().flatMap(List::stream).distinct().toList());
        linesOf.forEach((note, lines) -> {
            List<Long> beside = new ArrayList<>();
            for (long line : lines) {
                for (long next : around.getOrDefault(line, List.of())) {
                    for (long other : notesOf.getOrDefault(next, List.of())) {
                        if (other != note && !beside.contains(other)) beside.add(other);
                    }
                }
            }
            if (!beside.isEmpty()) out.put(note, beside);
        });
        return out;
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
