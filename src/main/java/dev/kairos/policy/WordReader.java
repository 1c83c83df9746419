package dev.kairos.policy;

import dev.kairos.policy.Word.Arithmetic;
import dev.kairos.policy.Word.Param;
import dev.kairos.policy.Word.Part;
import dev.kairos.policy.Word.ProcessSubstitution;
import dev.kairos.policy.Word.Substitution;
import dev.kairos.policy.Word.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads one word as bash does: single, double and {@code $'…'} quotes, backslashes, {@code $NAME} and {@code ${…}},
 * {@code $(…)} and backquotes (nested, and inside double quotes), {@code $((…))}, {@code <(…)} and {@code >(…)}.
 * Substitutions are parsed here, as the shell does, so what they run is read too.
 */
final class WordReader {
    private static final Pattern SIMPLE_PARAM = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*|[0-9]+|[@*#?$!-]");

    private final ShellParser parser;
    private final ShellSource src;

    WordReader(ShellParser parser) {
        this.parser = parser;
        this.src = parser.src;
    }

    static boolean isMeta(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' || c == ')'
                || c == '<' || c == '>';
    }

    /** The word starting here, or null when a metacharacter stands here. */
    Word read() {
        int start = src.pos();
        Parts b = new Parts();
        if (src.startsWith("<(") || src.startsWith(">(")) {
            boolean input = src.peek() == '<';
            src.skip(2);
            b.add(new ProcessSubstitution(parser.substitution(), input));
        }
        while (!src.atEnd() && (!isMeta(src.peek()) || afterEquals(start))) {
            char c = src.peek();
            if (c == '<' || c == '>') {
                // X=<(…): a process substitution as an assignment's value
                src.skip(2);
                b.add(new ProcessSubstitution(parser.substitution(), c == '<'));
                continue;
            }
            switch (c) {
                case '\\' -> {
                    src.skip(1);
                    if (src.atEnd()) b.text("\\", false);
                    else if (src.peek() == '\n') src.skip(1);
                    else b.text(String.valueOf(src.next()), true);
                }
                case '\'' -> {
                    src.skip(1);
                    b.text(until('\'', "single quote"), true);
                }
                case '"' -> {
                    src.skip(1);
                    doubleQuoted(b, false);
                }
                case '$' -> dollar(b, false);
                case '`' -> b.add(backquoted(false));
                default -> {
                    src.skip(1);
                    b.text(String.valueOf(c), false);
                }
            }
        }
        if (src.pos() == start) return null;
        return new Word(b.done(), src.slice(start, src.pos()));
    }

    /** At "=<(" or "=>(" inside the word begun at {@code start}. */
    private boolean afterEquals(int start) {
        return src.pos() > start && src.text.charAt(src.pos() - 1) == '=' && (src.peek() == '<' || src.peek() == '>')
                && src.peek(1) == '(';
    }

    /** A here-document body with an unquoted marker: like double quotes, without the quote character. */
    Word hereDocument() {
        Parts b = new Parts();
        doubleQuoted(b, true);
        return new Word(b.done(), src.text);
    }

    /** The inside of {@code ((…))} or {@code $((…))}, the opening read; consumes the closing "))". */
    Word arithmetic() {
        int start = src.pos();
        Parts b = new Parts();
        int depth = 0;
        while (true) {
            if (src.atEnd()) throw new NotReadable("unbalanced ((");
            char c = src.peek();
            if (c == ')' && depth == 0) {
                if (src.peek(1) != ')') throw new NotReadable("unclear (( … ))");
                src.skip(2);
                return new Word(b.done(), src.slice(start, src.pos() - 2));
            }
            if (c == '(') depth++;
            if (c == ')') depth--;
            if (c == '$') {
                dollar(b, true);
            } else if (c == '`') {
                b.add(backquoted(true));
            } else {
                src.skip(1);
                b.text(String.valueOf(c), true);
            }
        }
    }

    private void doubleQuoted(Parts b, boolean hereDocument) {
        while (true) {
            if (src.atEnd()) {
                if (hereDocument) return;
                throw new NotReadable("unbalanced double quote");
            }
            char c = src.peek();
            if (c == '"' && !hereDocument) {
                src.skip(1);
                b.text("", true);
                return;
            }
            if (c == '\\') {
                src.skip(1);
                char n = src.peek();
                if (n == '$' || n == '`' || n == '\\' || (n == '"' && !hereDocument)) {
                    src.skip(1);
                    b.text(String.valueOf(n), true);
                } else if (n == '\n') {
                    src.skip(1);
                } else {
                    b.text("\\", true);
                }
            } else if (c == '$') {
                dollar(b, true);
            } else if (c == '`') {
                b.add(backquoted(true));
            } else {
                src.skip(1);
                b.text(String.valueOf(c), true);
            }
        }
    }

    private void dollar(Parts b, boolean quoted) {
        src.skip(1);
        char c = src.peek();
        if (!quoted && c == '\'') {
            src.skip(1);
            b.text(AnsiC.decode(src), true);
        } else if (!quoted && c == '"') {
            src.skip(1);
            doubleQuoted(b, false);
        } else if (src.startsWith("((")) {
            src.skip(2);
            b.add(new Arithmetic(arithmetic()));
        } else if (c == '(') {
            src.skip(1);
            b.add(new Substitution(parser.substitution(), quoted));
        } else if (c == '{') {
            src.skip(1);
            int start = src.pos();
            Word inner = parameter();
            String raw = src.slice(start, src.pos() - 1);
            boolean simple = SIMPLE_PARAM.matcher(raw).matches();
            b.add(new Param(raw, simple, quoted, inner));
        } else if (Character.isLetter(c) || c == '_') {
            int start = src.pos();
            while (Character.isLetterOrDigit(src.peek()) || src.peek() == '_') src.skip(1);
            String name = src.slice(start, src.pos());
            b.add(new Param(name, true, quoted, Word.literal(name)));
        } else if (Character.isDigit(c) || (c != 0 && "@*#?$!-".indexOf(c) >= 0)) {
            src.skip(1);
            b.add(new Param(String.valueOf(c), true, quoted, Word.literal(String.valueOf(c))));
        } else {
            b.text("$", quoted);
        }
    }

    /** The inside of {@code ${…}}, the opening read; consumes the "}". */
    private Word parameter() {
        int start = src.pos();
        Parts b = new Parts();
        int depth = 0;
        while (true) {
            if (src.atEnd()) throw new NotReadable("unbalanced ${");
            char c = src.peek();
            if (c == '}' && depth == 0) {
                src.skip(1);
                return new Word(b.done(), src.slice(start, src.pos() - 1));
            }
            if (c == '{') depth++;
            if (c == '}') depth--;
            switch (c) {
                case '\\' -> {
                    src.skip(1);
                    if (!src.atEnd()) b.text(String.valueOf(src.next()), true);
                }
                case '\'' -> {
                    src.skip(1);
                    b.text(until('\'', "single quote"), true);
                }
                case '"' -> {
                    src.skip(1);
                    doubleQuoted(b, false);
                }
                case '$' -> dollar(b, true);
                case '`' -> b.add(backquoted(true));
                default -> {
                    src.skip(1);
                    b.text(String.valueOf(c), true);
                }
            }
        }
    }

    /** A backquoted command: its text with the backslashes that quote {@code ` \ $} removed, then parsed. */
    private Substitution backquoted(boolean quoted) {
        src.skip(1);
        StringBuilder s = new StringBuilder();
        while (true) {
            if (src.atEnd()) throw new NotReadable("unbalanced backquote");
            char c = src.next();
            if (c == '`') break;
            if (c == '\\' && !src.atEnd()) {
                char n = src.peek();
                if (n == '`' || n == '\\' || n == '$' || (quoted && n == '"')) {
                    s.append(src.next());
                    continue;
                }
            }
            s.append(c);
        }
        return new Substitution(ShellParser.whole(s.toString(), parser.depth + 1), quoted);
    }

    private String until(char close, String what) {
        int start = src.pos();
        while (!src.atEnd() && src.peek() != close) src.skip(1);
        if (src.atEnd()) throw new NotReadable("unbalanced " + what);
        String s = src.slice(start, src.pos());
        src.skip(1);
        return s;
    }

    /** The parts of a word being read; adjacent texts of the same quoting are joined. */
    private static final class Parts {
        private final List<Part> parts = new ArrayList<>();
        private final StringBuilder text = new StringBuilder();
        private boolean textQuoted;

        void text(String s, boolean quoted) {
            if (s.isEmpty()) {
                if (quoted) add(new Text("", true));
                return;
            }
            if (!text.isEmpty() && quoted != textQuoted) flush();
            textQuoted = quoted;
            text.append(s);
        }

        void add(Part p) {
            flush();
            parts.add(p);
        }

        List<Part> done() {
            flush();
            return List.copyOf(parts);
        }

        private void flush() {
            if (!text.isEmpty()) parts.add(new Text(text.toString(), textQuoted));
            text.setLength(0);
        }
    }
}
