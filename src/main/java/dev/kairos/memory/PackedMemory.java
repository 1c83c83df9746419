package dev.kairos.memory;

import dev.kairos.event.Trust;
import java.util.List;

/**
 * Memories chosen for one task: whole items only, oldest first, rendered as {@code text} (grouped under date
 * headings, each item with its provenance, someone else's text inside {@code <untrusted>}), {@code tokens} long,
 * never more than the budget asked for.
 */
public record PackedMemory(List<MemoryItem> items, String text, int tokens) {
    public static final PackedMemory EMPTY = new PackedMemory(List.of(), "", 0);

    public PackedMemory {
        items = List.copyOf(items);
    }

    /** Whether any item packed is someone else's text: a turn that reads it is tainted. */
    public boolean untrusted() {
        return items.stream().anyMatch(i -> i.trust() != Trust.TRUSTED);
    }
}
