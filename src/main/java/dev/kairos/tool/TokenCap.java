package dev.kairos.tool;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import java.nio.charset.StandardCharsets;

/**
 * Caps a text in o200k_base tokens, keeping its head and its tail around a "[… N tokens cut …]" marker (errors
 * usually sit at the end of a log, the point of a file at its start). Long texts are first cut by characters,
 * because tokenising megabytes takes seconds; the count of what was cut is then an estimate ("about N").
 */
public final class TokenCap {
    private static final Encoding O200K = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    /** Above this many characters a text is cut by characters before it is tokenised. */
    static final int EXACT_CHARS = 64_000;
    private static final int CHARS_PER_TOKEN_KEPT = 8;
    private static final int ESTIMATED_CHARS_PER_TOKEN = 4;
    private static final int MARKER_TOKENS = 16;

    private TokenCap() {}

    static int count(String text) {
        return O200K.countTokensOrdinary(text);
    }

    /** {@code text} itself when it fits {@code maxTokens}, else its head and tail around the marker. */
    public static String cap(String text, int maxTokens) {
        if (text.length() <= EXACT_CHARS) {
            IntArrayList all = O200K.encodeOrdinary(text);
            if (all.size() <= maxTokens) return text;
            return join(all, all, 0, maxTokens);
        }
        int keep = Math.min(maxTokens * CHARS_PER_TOKEN_KEPT, EXACT_CHARS / 2);
        int headEnd = boundary(text, keep);
        int tailStart = boundary(text, text.length() - keep);
        return cap(text.substring(0, headEnd), text.length() - headEnd - (text.length() - tailStart),
                text.substring(tailStart), maxTokens);
    }

    /** Caps a text whose middle ({@code droppedChars} characters, or bytes) is already gone. */
    static String cap(String head, long droppedChars, String tail, int maxTokens) {
        if (droppedChars == 0) return cap(head + tail, maxTokens);
        return join(O200K.encodeOrdinary(head), O200K.encodeOrdinary(tail), droppedChars, maxTokens);
    }

    /** Head tokens from {@code head}, tail tokens from {@code tail} (the same list when nothing was dropped). */
    private static String join(IntArrayList head, IntArrayList tail, long droppedChars, int maxTokens) {
        boolean same = head == tail;
        int budget = Math.max(maxTokens - MARKER_TOKENS, 2);
        while (true) {
            int h = Math.min(head.size(), budget / 2);
            int t = Math.min(tail.size(), budget - h);
            h = Math.min(head.size(), budget - t);
            if (same && h + t >= head.size()) return decode(head, 0, head.size()); // nothing to cut after all
            long cut = same ? head.size() - h - t
                    : (head.size() - h) + (tail.size() - t) + droppedChars / ESTIMATED_CHARS_PER_TOKEN;
            String marker = "\n[… " + (same ? "" : "about ") + cut + " tokens cut …]\n";
            String out = decode(head, 0, h) + marker + decode(tail, tail.size() - t, tail.size());
            int n = count(out);
            if (n <= maxTokens || budget <= 2) return out;
            budget -= n - maxTokens; // re-tokenising at the seams can differ by a few tokens
        }
    }

    private static String decode(IntArrayList tokens, int from, int to) {
        IntArrayList part = new IntArrayList(Math.max(to - from, 1));
        for (int i = from; i < to; i++) part.add(tokens.get(i));
        String s = new String(O200K.decodeBytes(part), StandardCharsets.UTF_8);
        // a cut can split a character's bytes; drop the halves rather than show replacement characters
        int a = 0, b = s.length();
        while (a < b && s.charAt(a) == '\uFFFD') a++;
        while (b > a && s.charAt(b - 1) == '\uFFFD') b--;
        return s.substring(a, b);
    }

    /** Moves an index off the middle of a surrogate pair. */
    private static int boundary(String s, int index) {
        if (index > 0 && index < s.length() && Character.isLowSurrogate(s.charAt(index))) return index - 1;
        return index;
    }
}
