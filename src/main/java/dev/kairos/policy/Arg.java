package dev.kairos.policy;

import java.util.List;
import java.util.Optional;

/**
 * One argument after expansion. {@code text} is what the program receives when {@code known}; otherwise it is the
 * word as written. {@code glob}: unquoted pattern characters remain. {@code tainted}: the text, or what the file it
 * names holds, comes from the network. {@code content}: what reading the named file gives, when the line itself
 * says so (a process substitution).
 */
record Arg(String text, boolean known, boolean glob, boolean tainted, Optional<String> content, String shown) {

    static Arg literal(String text) {
        return new Arg(text, true, false, false, Optional.empty(), text);
    }

    static Arg unknown(String shown, boolean tainted) {
        return new Arg(shown, false, false, tainted, Optional.empty(), shown);
    }

    boolean is(String s) {
        return known && text.equals(s);
    }

    static boolean anyTainted(List<Arg> args) {
        return args.stream().anyMatch(Arg::tainted);
    }

    /** The arguments as one line of shell, each quoted, when all are known. */
    static Optional<String> quoted(List<Arg> args) {
        StringBuilder s = new StringBuilder();
        for (Arg a : args) {
            if (!a.known) return Optional.empty();
            if (!s.isEmpty()) s.append(' ');
            s.append('\'').append(a.text.replace("'", "'\\''")).append('\'');
        }
        return Optional.of(s.toString());
    }
}
