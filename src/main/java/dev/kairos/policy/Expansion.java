package dev.kairos.policy;

import dev.kairos.policy.Word.Arithmetic;
import dev.kairos.policy.Word.Param;
import dev.kairos.policy.Word.Part;
import dev.kairos.policy.Word.ProcessSubstitution;
import dev.kairos.policy.Word.Substitution;
import dev.kairos.policy.Word.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Expands words as bash would before running a command: braces, tilde, parameters, substitutions (run through the
 * walk, so what they run is read), field splitting, and which pattern characters are left unquoted. What only the
 * running shell could know stays unknown. Unquoted special characters travel as private-use marks until the fields
 * are made (the line may not hold such characters: see ForbiddenCommands).
 */
final class Expansion {
    /** Runs a substitution's body; {@code process} is set for {@code <(…)} and {@code >(…)}. */
    interface Substitutions {
        Out run(ShellScript body, ProcessSubstitution process);
    }

    static final char FIRST_MARK = '\uE000';
    static final char LAST_MARK = '\uE00F';
    private static final char UNKNOWN = '\uE000';
    private static final char FIELD = '\uE001';
    private static final char KEEP = '\uE002';
    private static final char TILDE = '\uE003';
    private static final char STAR = '\uE004';
    private static final char QUESTION = '\uE005';
    private static final char BRACKET = '\uE006';
    private static final char OPEN = '\uE007';
    private static final char COMMA = '\uE008';
    private static final char CLOSE = '\uE009';
    private static final int MAX_FIELDS = 256;
    private static final Pattern SEQUENCE = Pattern.compile("(-?\\d{1,6})\\.\\.(-?\\d{1,6})|([a-zA-Z])\\.\\.([a-zA-Z])");

    private final Scope scope;
    private final Substitutions substitutions;
    private boolean tainted;
    private Optional<String> content;

    Expansion(Scope scope, Substitutions substitutions) {
        this.scope = scope;
        this.substitutions = substitutions;
    }

    /** The arguments a word becomes. */
    List<Arg> fields(Word w) {
        return expand(w, true);
    }

    /** A word that is not split: an assignment's value, a redirection's target, a here-string. */
    Arg single(Word w) {
        List<Arg> a = expand(w, false);
        return a.isEmpty() ? Arg.literal("") : a.getFirst();
    }

    private List<Arg> expand(Word w, boolean split) {
        tainted = false;
        content = Optional.empty();
        StringBuilder s = new StringBuilder();
        List<Part> parts = w.parts();
        for (int i = 0; i < parts.size(); i++) {
            switch (parts.get(i)) {
                case Text t -> text(s, t, i == 0, split);
                case Param p when p.simple() && p.quoted() && p.name().equals("@") -> allArguments(s);
                case Param p -> value(s, param(p), p.quoted(), split);
                case Substitution sub -> {
                    Out o = substitutions.run(sub.body(), null);
                    tainted |= o.tainted();
                    value(s, o.text().map(x -> x.replaceAll("\n+$", "")), sub.quoted(), split);
                }
                case ProcessSubstitution ps -> {
                    Out o = substitutions.run(ps.body(), ps);
                    if (ps.input()) {
                        tainted |= o.tainted();
                        content = o.text();
                    }
                    s.append("/dev/fd/63");
                }
                case Arithmetic a -> {
                    run(a.inner());
                    s.append(UNKNOWN);
                }
            }
        }
        return fields(s.toString(), w.source(), split);
    }

    private void text(StringBuilder s, Text t, boolean first, boolean split) {
        if (t.quoted()) {
            s.append(KEEP).append(t.text());
            return;
        }
        String x = t.text();
        for (int j = 0; j < x.length(); j++) {
            char c = x.charAt(j);
            if (j == 0 && first && c == '~') s.append(TILDE);
            else if (!split) s.append(c);
            else s.append(switch (c) {
                case '*' -> STAR;
                case '?' -> QUESTION;
                case '[' -> BRACKET;
                case '{' -> OPEN;
                case ',' -> COMMA;
                case '}' -> CLOSE;
                default -> c;
            });
        }
    }

    private Optional<String> param(Param p) {
        if (!p.simple()) {
            run(p.inner());
            return Optional.empty();
        }
        Arg v = scope.variable(p.name());
        tainted |= v.tainted();
        return v.known() ? Optional.of(v.text()) : Optional.empty();
    }

    private void allArguments(StringBuilder s) {
        Optional<List<Arg>> args = scope.positional();
        if (args.isEmpty() || !args.get().stream().allMatch(Arg::known)) {
            tainted |= args.map(Arg::anyTainted).orElse(false);
            s.append(UNKNOWN);
            return;
        }
        for (int i = 0; i < args.get().size(); i++) {
            if (i > 0) s.append(FIELD);
            s.append(KEEP).append(args.get().get(i).text());
            tainted |= args.get().get(i).tainted();
        }
    }

    /** An expansion's value: unquoted, it is split into fields and its pattern characters stay patterns. */
    private void value(StringBuilder s, Optional<String> v, boolean quoted, boolean split) {
        if (v.isEmpty()) {
            s.append(UNKNOWN);
        } else if (quoted || !split) {
            s.append(KEEP).append(v.get());
        } else if (scope.splitsOddly()) {
            s.append(UNKNOWN);
        } else {
            for (char c : v.get().toCharArray()) {
                s.append(switch (c) {
                    case ' ', '\t', '\n' -> FIELD;
                    case '*' -> STAR;
                    case '?' -> QUESTION;
                    case '[' -> BRACKET;
                    default -> c;
                });
            }
        }
    }

    /** Runs the substitutions inside a form whose value stays unknown (${X:-$(…)}, $((…))). */
    private void run(Word inner) {
        for (Part p : inner.parts()) {
            switch (p) {
                case Substitution sub -> tainted |= substitutions.run(sub.body(), null).tainted();
                case ProcessSubstitution ps -> tainted |= substitutions.run(ps.body(), ps).tainted();
                case Param param when !param.simple() -> run(param.inner());
                case Param param -> tainted |= scope.variable(param.name()).tainted();
                case Arithmetic a -> run(a.inner());
                case Text t -> { }
            }
        }
    }

    private List<Arg> fields(String s, String shown, boolean split) {
        List<Arg> out = new ArrayList<>();
        for (String field : split ? List.of(s.split(String.valueOf(FIELD), -1)) : List.of(s)) {
            boolean keep = field.indexOf(KEEP) >= 0;
            List<String> braced = new ArrayList<>();
            if (split) braces(field, braced);
            else braced.add(field);
            if (braced.size() > MAX_FIELDS) {
                out.add(Arg.unknown(shown, tainted));
                continue;
            }
            for (String b : braced) {
                String x = tilde(b);
                boolean known = x.indexOf(UNKNOWN) < 0;
                boolean glob = x.indexOf(STAR) >= 0 || x.indexOf(QUESTION) >= 0
                        || x.indexOf(BRACKET) >= 0 && x.indexOf(']', x.indexOf(BRACKET)) > 0;
                String text = plain(x);
                if (text.isEmpty() && known && !keep) continue;
                out.add(new Arg(known ? text : shown, known, glob, tainted, content, shown));
            }
        }
        return out;
    }

    /** ~, ~+ and ~user at the start of a field; ~ is $HOME, as bash has it. */
    private String tilde(String field) {
        if (field.isEmpty() || field.charAt(0) != TILDE) return field;
        int slash = field.indexOf('/');
        String user = field.substring(1, slash < 0 ? field.length() : slash);
        String rest = slash < 0 ? "" : field.substring(slash);
        if (user.chars().anyMatch(c -> c >= FIRST_MARK && c <= LAST_MARK)) return field;
        Arg home = switch (user) {
            case "" -> scope.variable("HOME");
            case "+" -> scope.variable("PWD");
            case "-" -> Arg.unknown("~-", false);
            case "root" -> Arg.literal("/root");
            default -> Arg.literal("/home/" + user);
        };
        return (home.known() ? home.text() : String.valueOf(UNKNOWN)) + rest;
    }

    private static String plain(String x) {
        StringBuilder s = new StringBuilder();
        for (char c : x.toCharArray()) {
            switch (c) {
                case UNKNOWN, KEEP, FIELD -> { }
                case TILDE -> s.append('~');
                case STAR -> s.append('*');
                case QUESTION -> s.append('?');
                case BRACKET -> s.append('[');
                case OPEN -> s.append('{');
                case COMMA -> s.append(',');
                case CLOSE -> s.append('}');
                default -> s.append(c);
            }
        }
        return s.toString();
    }

    /** Brace expansion on unquoted {a,b} and {1..3}; stops adding past MAX_FIELDS. */
    private static void braces(String f, List<String> out) {
        if (out.size() > MAX_FIELDS) return;
        for (int i = f.indexOf(OPEN); i >= 0; i = f.indexOf(OPEN, i + 1)) {
            int depth = 0;
            int close = -1;
            List<Integer> commas = new ArrayList<>();
            for (int j = i; j < f.length() && close < 0; j++) {
                char c = f.charAt(j);
                if (c == OPEN) depth++;
                else if (c == CLOSE && --depth == 0) close = j;
                else if (c == COMMA && depth == 1) commas.add(j);
            }
            if (close < 0) break;
            List<String> alternatives = new ArrayList<>();
            if (commas.isEmpty()) {
                if (!sequence(f.substring(i + 1, close), alternatives)) continue;
            } else {
                int from = i + 1;
                for (int c : commas) {
                    alternatives.add(f.substring(from, c));
                    from = c + 1;
                }
                alternatives.add(f.substring(from, close));
            }
            for (String a : alternatives) braces(f.substring(0, i) + a + f.substring(close + 1), out);
            return;
        }
        out.add(f);
    }

    private static boolean sequence(String inside, List<String> out) {
        Matcher m = SEQUENCE.matcher(inside);
        if (!m.matches()) return false;
        int from = m.group(1) != null ? Integer.parseInt(m.group(1)) : m.group(3).charAt(0);
        int to = m.group(1) != null ? Integer.parseInt(m.group(2)) : m.group(4).charAt(0);
        int step = from <= to ? 1 : -1;
        for (int v = from; out.size() <= MAX_FIELDS; v += step) {
            out.add(m.group(1) != null ? String.valueOf(v) : String.valueOf((char) v));
            if (v == to) break;
        }
        return true;
    }
}
