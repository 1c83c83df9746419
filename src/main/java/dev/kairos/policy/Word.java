package dev.kairos.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A word of a command line as written: the pieces that quoting and expansion make of it. */
record Word(List<Part> parts, String source) {
    private static final Pattern ASSIGNMENT = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\[[^\\]]*\\])?\\+?=(.*)",
            Pattern.DOTALL);

    sealed interface Part {}

    /** Literal text; quoted text is neither split, globbed, brace- nor tilde-expanded. */
    record Text(String text, boolean quoted) implements Part {}

    /** {@code $NAME} or {@code ${…}}; a form other than a bare name is never resolved, but what it holds is run. */
    record Param(String name, boolean simple, boolean quoted, Word inner) implements Part {}

    /** {@code $(…)} or backquotes. */
    record Substitution(ShellScript body, boolean quoted) implements Part {}

    /** {@code <(…)} (input: the command reads what the body writes) or {@code >(…)}. */
    record ProcessSubstitution(ShellScript body, boolean input) implements Part {}

    /** {@code $((…))}: a number, but substitutions inside it run. */
    record Arithmetic(Word inner) implements Part {}

    static Word literal(String text) {
        return new Word(List.of(new Text(text, false)), text);
    }

    /** The word as {@code NAME=value}, when it is one (the value keeps its quoting). */
    Optional<ShellScript.Assignment> assignment() {
        if (parts.isEmpty() || !(parts.getFirst() instanceof Text first) || first.quoted()) return Optional.empty();
        Matcher m = ASSIGNMENT.matcher(first.text());
        if (!m.matches()) return Optional.empty();
        List<Part> value = new ArrayList<>();
        if (!m.group(2).isEmpty()) value.add(new Text(m.group(2), false));
        value.addAll(parts.subList(1, parts.size()));
        String src = source.substring(Math.min(source.length(), m.start(2)));
        return Optional.of(new ShellScript.Assignment(m.group(1), List.of(new Word(List.copyOf(value), src)), false));
    }

    /** The text when the word is plain (no quotes, no expansions): a reserved word, a here-document marker. */
    Optional<String> plain() {
        if (parts.size() == 1 && parts.getFirst() instanceof Text t && !t.quoted()) return Optional.of(t.text());
        return Optional.empty();
    }
}
