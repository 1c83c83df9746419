package dev.kairos.channel;

import java.util.ArrayList;
import java.util.List;

/**
 * A text cut into messages of at most {@code max} UTF-16 units (Telegram's 4,096), never inside a surrogate pair;
 * where it can, a cut falls after a line break, else after a space, in the second half of a part. The parts joined
 * again are the text.
 */
final class Parts {
    private Parts() {}

    static List<String> of(String text, int max) {
        if (max < 2) throw new IllegalArgumentException("a part must hold at least 2 characters");
        List<String> parts = new ArrayList<>();
        int from = 0;
        while (text.length() - from > max) {
            int end = cut(text, from, from + max);
            parts.add(text.substring(from, end));
            from = end;
        }
        if (from < text.length() || parts.isEmpty()) parts.add(text.substring(from));
        return parts;
    }

    /** Where the part that starts at {@code from} and may run to {@code limit} (exclusive) ends. */
    private static int cut(String text, int from, int limit) {
        int half = from + (limit - from) / 2;
        int newline = text.lastIndexOf('\n', limit - 1);
        if (newline >= half) return newline + 1;
        for (int i = limit - 1; i >= half; i--) {
            if (Character.isWhitespace(text.charAt(i))) return i + 1;
        }
        return Character.isLowSurrogate(text.charAt(limit)) && Character.isHighSurrogate(text.charAt(limit - 1))
                ? limit - 1 : limit;
    }
}
