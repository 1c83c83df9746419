package dev.kairos.policy;

import java.util.ArrayList;
import java.util.List;

/** The text being parsed and the parser's place in it; here-documents wait here for the end of their line. */
final class ShellSource {
    final String text;
    final List<HereDoc> pendingHereDocs = new ArrayList<>();
    private int pos;

    ShellSource(String text) {
        this.text = text;
    }

    boolean atEnd() {
        return pos >= text.length();
    }

    char peek() {
        return peek(0);
    }

    /** The character {@code ahead} places on, or 0 past the end (the text holds no 0: see ForbiddenCommands). */
    char peek(int ahead) {
        int i = pos + ahead;
        return i < text.length() ? text.charAt(i) : 0;
    }

    boolean startsWith(String s) {
        return text.startsWith(s, pos);
    }

    char next() {
        return text.charAt(pos++);
    }

    void skip(int n) {
        pos += n;
    }

    int pos() {
        return pos;
    }

    void rewind(int to) {
        pos = to;
    }

    String slice(int from, int to) {
        return text.substring(from, to);
    }

    /** The rest of the line, without its newline, which is consumed. */
    String line() {
        int end = text.indexOf('\n', pos);
        String line = end < 0 ? text.substring(pos) : text.substring(pos, end);
        pos = end < 0 ? text.length() : end + 1;
        return line;
    }
}
