package dev.kairos.memory;

import java.nio.charset.StandardCharsets;

/** The size of a MEMORY.md text against its cap: 200 lines and 25 KB. */
record MemoryCap(int lines, int bytes) {
    static MemoryCap of(String text) {
        int lines = text.isEmpty() ? 0 : (int) text.lines().count();
        return new MemoryCap(lines, text.getBytes(StandardCharsets.UTF_8).length);
    }

    boolean fits() {
        return lines <= Memory.INDEX_MAX_LINES && bytes <= Memory.INDEX_MAX_BYTES;
    }

    String refusal() {
        return "MEMORY.md not written: it would be " + lines + " lines and " + kb(bytes) + " KB, over the cap of "
                + Memory.INDEX_MAX_LINES + " lines and " + kb(Memory.INDEX_MAX_BYTES) + " KB. Keep one short line per "
                + "entry in the index and move the detail into topics/*.md.";
    }

    /** The longest prefix of whole lines within the cap. */
    String cut(String text) {
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (String line : text.split("(?<=\\n)")) {
            if (n >= Memory.INDEX_MAX_LINES) break;
            if ((out + line).getBytes(StandardCharsets.UTF_8).length > Memory.INDEX_MAX_BYTES) break;
            out.append(line);
            n++;
        }
        return out.toString();
    }

    private static String kb(int bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f", bytes / 1024.0);
    }
}
