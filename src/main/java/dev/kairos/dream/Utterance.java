package dev.kairos.dream;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a line of conversation ("user: ...", "John: ...") does, read from its words alone so that a later dream reads
 * a topic file the same way: asks to remember something ("Please remember this: X", whose fact is X even when X is
 * a question someone asked), asks something, or states something. A note with no speaker (one the agent remembered,
 * or a rewrite) is a statement: the agent kept it as a fact. A question says what the user wanted to know, not who
 * they are, so it is never a profile line.
 */
enum Utterance {
    QUESTION, REMEMBER, STATEMENT;

    private static final Pattern SPEAKER = Pattern.compile("^\\p{L}{1,20}:\\s+");
    private static final Pattern REQUEST = Pattern.compile("(?i)^(?:please\\s+)?(?:remember|don't forget|do not forget"
            + "|keep in mind|note down)(?:\\s+(?:this|that)\\s*[:,]?|\\s*[:,])\\s+(?=\\S)");
    /** The absolute dates a dream puts beside relative ones ({@link RelativeDates}): not words anyone said. */
    private static final Pattern DATE_NOTE = Pattern.compile("\\s*\\[(?:week of )?\\d{4}(?:-\\d{2}){0,2}\\]");
    private static final Pattern ASKING = Pattern.compile("(?i)^(?:what|why|who|whom|whose|when|where|which|how"
            + "|do|does|did|is|are|was|were|am|can|could|would|will|should|shall|have|has)\\b");
    private static final Pattern ENDS_ASKED = Pattern.compile("\\?\\W*$");
    private static final Pattern ENDS_STATED = Pattern.compile("[.!…]\\W*$");

    static Utterance of(String text) {
        String said = Replies.said(text);
        Matcher speaker = SPEAKER.matcher(said);
        if (!speaker.find()) return STATEMENT;
        String words = DATE_NOTE.matcher(said.substring(speaker.end())).replaceAll("").strip();
        if (REQUEST.matcher(words).find()) return REMEMBER;
        return asks(words) ? QUESTION : STATEMENT;
    }

    /** The words that state the fact: no speaker, no request to remember, no question it replies to. */
    static String fact(String text) {
        String said = SPEAKER.matcher(Replies.said(text)).replaceFirst("");
        return REQUEST.matcher(said).replaceFirst("");
    }

    /** Equal for two notes of the same fact: "user: Please remember this: X [2026-11-19]" and "X". */
    static String key(String text) {
        return Clusters.normalized(DATE_NOTE.matcher(fact(text)).replaceAll(""));
    }

    /** Ends with '?', or opens the way a question does and does not end the way a statement does. */
    private static boolean asks(String words) {
        if (ENDS_ASKED.matcher(words).find()) return true;
        return ASKING.matcher(words).find() && !ENDS_STATED.matcher(words).find();
    }
}
