package dev.kairos.notify;

import java.nio.charset.StandardCharsets;

/** Text cut to a number of UTF-8 bytes (ntfy's 4,096, a push service's record), whole characters, with an ellipsis. */
final class Utf8Limit {
    static final String ELLIPSIS = "…"; // 3 bytes in UTF-8
    private static final int ELLIPSIS_BYTES = ELLIPSIS.getBytes(StandardCharsets.UTF_8).length;

    private Utf8Limit() {}

    /** {@code text} when it fits in {@code maxBytes}; else its longest prefix of whole code points that fits with "…". */
    static String cut(String text, int maxBytes) {
        if (bytes(text) <= maxBytes) return text;
        int budget = maxBytes - ELLIPSIS_BYTES;
        if (budget < 0) return "";
        int used = 0;
        int end = 0;
        while (end < text.length()) {
            int cp = text.codePointAt(end);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (used + size > budget) break;
            used += size;
            end += Character.charCount(cp);
        }
        return text.substring(0, end) + ELLIPSIS;
    }

    static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
