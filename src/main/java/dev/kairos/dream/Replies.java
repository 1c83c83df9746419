package dev.kairos.dream;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The question a line of conversation answers. The dream files each speaker's lines under their own topic, which
 * takes an answer away from the question before it ("Three times a week!" means little without "How often do you
 * work out?"); so an answer keeps the last question of the line it follows, quoted after its own words:
 * "John: Three times a week! [in reply to Maria: How often do you work out?]".
 */
final class Replies {
    static final String MARK = " [in reply to ";
    private static final int CLIP = 120;
    private static final Pattern SPEAKER = Pattern.compile("^(\\p{L}{1,20}):\\s+");
    private static final Pattern QUESTION = Pattern.compile("[^.!?]*\\?");
    private static final Pattern IMAGE = Pattern.compile("\\s*\\[shares an image[^\\]]*\\]");
    private static final Pattern CONTEXT = Pattern.compile("\\s*\\[in reply to [^\\]]*\\]$");

    private Replies() {}

    /**
     * The context to add to {@code line}, said after {@code before} (both as the journal holds them, "Speaker: ..."),
     * or "" when they are not two speakers or the line before asks nothing.
     */
    static String context(Note before, String line) {
        if (before == null || before.untrusted()) return "";
        Matcher asker = SPEAKER.matcher(before.text());
        Matcher speaker = SPEAKER.matcher(line);
        if (!asker.find() || !speaker.find() || asker.group(1).equals(speaker.group(1))) return "";
        String asked = IMAGE.matcher(said(before.text()).substring(asker.end())).replaceAll("");
        String last = null;
        Matcher q = QUESTION.matcher(asked);
        while (q.find()) last = q.group().strip();
        if (last == null || last.isEmpty()) return "";
        if (last.length() > CLIP) last = last.substring(0, CLIP - 1) + "…";
        return MARK + asker.group(1) + ": " + last.replace("]", ")") + "]";
    }

    /** A note's own words, without the question it answers. */
    static String said(String text) {
        return CONTEXT.matcher(text).replaceFirst("");
    }
}
