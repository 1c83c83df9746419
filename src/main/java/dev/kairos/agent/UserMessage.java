package dev.kairos.agent;

import dev.kairos.model.Tokens;
import dev.kairos.tool.TokenCap;
import java.util.Locale;
import java.util.Optional;

/**
 * A user's chat message fitted to a turn's budget. Over it, the message keeps its beginning and its end (where a
 * pasted log has its point) around a marker, the model is told it was clipped, and the user is told in the reply's
 * note. Clipped rather than refused: the user still gets an answer about what was sent, and knows what was not.
 *
 * @param text what the model gets
 * @param note for the user: empty, or what was clipped
 */
record UserMessage(String text, String note) {
    /** Room left in the turn for the "Now: …" line and the clip notice. */
    static final int HEADROOM = 100;

    /** Why a message is not sent at all: it says nothing. */
    static Optional<String> refusal(String message) {
        return message == null || message.isBlank()
                ? Optional.of("not sent: the message is empty; say something, e.g. kairos chat \"good morning\"")
                : Optional.empty();
    }

    /** The message as the model gets it within {@code turnTokens} (the whole turn budget). */
    static UserMessage fit(String message, int turnTokens) {
        int max = turnTokens - HEADROOM;
        String capped = TokenCap.cap(message, max);
        if (capped.equals(message)) return new UserMessage(message, "");
        String size = String.format(Locale.ROOT, "%,d characters", message.length());
        String notice = "[Kairos: the user's message (" + size + ") is over the " + turnTokens
                + " tokens a turn holds; only its beginning and end are here, its middle was cut where marked.]\n";
        return new UserMessage(notice + capped, "your message was clipped: it has " + size + ", over the "
                + String.format(Locale.ROOT, "%,d", turnTokens) + " tokens a turn holds; its beginning and end were sent");
    }

    int tokens() {
        return Tokens.count(text);
    }
}
