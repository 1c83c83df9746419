package dev.kairos.event;

import java.util.regex.Pattern;

/** Someone else's text, fenced as data for a model: {@code <untrusted>…</untrusted>}, which the text cannot close. */
public final class Untrusted {
    public static final String OPEN = "<untrusted>";
    public static final String CLOSE = "</untrusted>";
    /** Any spelling of either tag a model might read as one ("</UNTRUSTED >", "< untrusted>"). */
    private static final Pattern TAG = Pattern.compile("(?i)<\\s*/?\\s*untrusted\\s*>");

    private Untrusted() {}

    /** The text inside the fence, with anything inside it that reads as the fence's tags removed. */
    public static String fence(String text) {
        return OPEN + TAG.matcher(text).replaceAll("") + CLOSE;
    }
}
