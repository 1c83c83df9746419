package dev.kairos.testkit;

import java.util.ArrayList;
import java.util.List;

/** Splits text the way a model streams it: in small pieces, so the clients' accumulation is exercised. */
final class Chunks {

    private static final int SIZE = 5;

    private Chunks() {}

    static List<String> of(String whole) {
        List<String> pieces = new ArrayList<>();
        int i = 0;
        while (i < whole.length()) {
            int end = Math.min(whole.length(), i + SIZE);
            if (end < whole.length() && Character.isHighSurrogate(whole.charAt(end - 1))) {
                end++; // never split a surrogate pair: each piece must be valid UTF-8 on the wire
            }
            pieces.add(whole.substring(i, end));
            i = end;
        }
        return pieces;
    }
}
