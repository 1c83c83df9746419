package dev.kairos.policy;

import dev.kairos.policy.ShellScript.Assignment;
import dev.kairos.policy.ShellScript.Command;
import dev.kairos.policy.ShellScript.Compound;
import dev.kairos.policy.ShellScript.Pipeline;
import dev.kairos.policy.ShellScript.Redirect;
import dev.kairos.policy.ShellScript.Simple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a command line into its structure as bash does: lists ({@code ; & && ||} and newlines), pipelines, subshells
 * and groups, if/while/until/for bodies, function bodies; words are read by {@link WordReader}, redirections and
 * here-documents by {@link Redirections}. What it cannot read (a case statement, an unbalanced quote, a stray
 * parenthesis) stops it; the pipelines read before that are kept, since bash runs what comes before an error.
 */
final class ShellParser {
    private static final int MAX_NESTING = 40;
    private static final Set<String> RESERVED = Set.of("!", "{", "}", "if", "then", "else", "elif", "fi", "while",
            "until", "do", "done", "for", "select", "case", "esac", "function", "coproc", "time");
    /** Words that only separate parts of an if or a loop: the reading runs every part anyway. */
    private static final Set<String> SEPARATING = Set.of("then", "else", "elif", "do");

    record Parsed(ShellScript script, Optional<String> error) {}

    final ShellSource src;
    final WordReader words;
    final Redirections redirections;
    final int depth;
    private int nesting;

    private ShellParser(String text, int depth) {
        this.src = new ShellSource(text);
        this.words = new WordReader(this);
        this.redirections = new Redirections(this);
        this.depth = depth;
    }

    /** The whole text, or what could be read of it and why the rest could not. */
    static Parsed parse(String text, int depth) {
        ShellParser p = new ShellParser(text, depth);
        List<Pipeline> read = new ArrayList<>();
        try {
            if (depth > MAX_NESTING) throw new NotReadable("substitutions nest too deep to read");
            p.list(read, null);
            if (!p.src.pendingHereDocs.isEmpty()) throw new NotReadable("a here-document has no body");
            return new Parsed(new ShellScript(read), Optional.empty());
        } catch (NotReadable e) {
            return new Parsed(new ShellScript(read), Optional.of(e.getMessage()));
        }
    }

    /** A parser of a here-document's body. */
    static ShellParser nested(String text, int depth) {
        return new ShellParser(text, depth);
    }

    /** Text that must be read whole: backquotes. */
    static ShellScript whole(String text, int depth) {
        Parsed p = parse(text, depth);
        if (p.error().isPresent()) throw new NotReadable(p.error().get());
        return p.script();
    }

    /** The body of {@code $(…)} or {@code <(…)}, the opening already read; consumes the ")". */
    ShellScript substitution() {
        ShellScript body = list(")");
        src.skip(1);
        return body;
    }

    private ShellScript list(String closer) {
        List<Pipeline> out = new ArrayList<>();
        list(out, closer);
        return new ShellScript(out);
    }

    /** Pipelines up to {@code closer} (")", "}", "fi", "done") or the end; the closer is left unread. */
    private void list(List<Pipeline> out, String closer) {
        if (++nesting > MAX_NESTING) throw new NotReadable("the command nests too deep to read");
        boolean more = false;
        while (true) {
            blanks(true);
            if (src.atEnd()) {
                if (closer != null) throw new NotReadable("\"" + closer + "\" is missing");
                if (more) throw new NotReadable("a command is missing after && or ||");
                break;
            }
            if (")".equals(closer) && src.peek() == ')') break;
            String reserved = reservedWord();
            if (reserved != null && reserved.equals(closer)) break;
            if (reserved != null && SEPARATING.contains(reserved)) {
                src.skip(reserved.length());
                continue;
            }
            out.add(pipeline());
            more = false;
            blanks(false);
            if (src.startsWith("&&") || src.startsWith("||")) {
                src.skip(2);
                more = true;
            } else if (src.startsWith(";;")) {
                throw new NotReadable("\";;\" outside a case statement");
            } else if (src.peek() == ';' || src.peek() == '&') {
                src.skip(1);
            } else if (!src.atEnd() && src.peek() != '\n' && !(")".equals(closer) && src.peek() == ')')) {
                throw new NotReadable("unexpected \"" + src.peek() + "\"");
            }
        }
        nesting--;
    }

    private Pipeline pipeline() {
        String w = reservedWord();
        while ("!".equals(w) || "time".equals(w)) {
            src.skip(w.length());
            blanks(false);
            if (w.equals("time") && src.startsWith("-p ")) src.skip(3);
            w = reservedWord();
        }
        List<Command> stages = new ArrayList<>(List.of(command()));
        while (true) {
            blanks(false);
            if (src.peek() != '|' || src.peek(1) == '|') return new Pipeline(stages);
            src.skip(src.peek(1) == '&' ? 2 : 1);
            blanks(true);
            stages.add(command());
        }
    }

    private Command command() {
        blanks(false);
        if (src.startsWith("((")) {
            src.skip(2);
            Word inner = words.arithmetic();
            Word arithmetic = new Word(List.of(new Word.Arithmetic(inner)), inner.source());
            return new Simple(List.of(), List.of(Word.literal("(("), arithmetic), redirections.after());
        }
        if (src.peek() == '(') {
            src.skip(1);
            ShellScript body = list(")");
            src.skip(1);
            return new Compound(body, true, redirections.after());
        }
        String w = reservedWord();
        if (w == null) return simple();
        src.skip(w.length());
        return switch (w) {
            case "{" -> closed(list("}"), "}");
            case "if" -> closed(list("fi"), "fi");
            case "while", "until" -> closed(list("done"), "done");
            case "for", "select" -> loop(w);
            case "function" -> function();
            case "case" -> throw new NotReadable("case statements are not read");
            case "coproc" -> throw new NotReadable("coproc is not read");
            default -> throw new NotReadable("unexpected \"" + w + "\"");
        };
    }

    private Command closed(ShellScript body, String closer) {
        src.skip(closer.length());
        return new Compound(body, false, redirections.after());
    }

    /** for NAME [in WORDS]; do … done: the head is kept as a command "for NAME WORDS" (NAME becomes unknown). */
    private Command loop(String keyword) {
        blanks(false);
        List<Word> head = new ArrayList<>(List.of(Word.literal(keyword)));
        if (src.startsWith("((")) {
            src.skip(2);
            Word inner = words.arithmetic();
            head.add(new Word(List.of(new Word.Arithmetic(inner)), inner.source()));
        } else {
            Word name = words.read();
            if (name == null) throw new NotReadable(keyword + " without a name");
            head.add(name);
            blanks(true);
            if (src.startsWith("in") && (src.peek(2) == 0 || WordReader.isMeta(src.peek(2)))) {
                src.skip(2);
                while (true) {
                    blanks(false);
                    Word item = src.peek() == ';' || src.peek() == '\n' || src.atEnd() ? null : words.read();
                    if (item == null) break;
                    head.add(item);
                }
            }
        }
        blanks(false);
        if (src.peek() == ';') src.skip(1);
        List<Pipeline> body = new ArrayList<>(List.of(new Pipeline(List.of(new Simple(List.of(), head, List.of())))));
        body.addAll(list("done").pipelines());
        return closed(new ShellScript(body), "done");
    }

    private Command function() {
        blanks(false);
        if (words.read() == null) throw new NotReadable("function without a name");
        blanks(false);
        parentheses();
        blanks(true);
        return command();
    }

    /** "()" after a function's name, if there. */
    private boolean parentheses() {
        int at = src.pos();
        if (src.peek() == '(') {
            src.skip(1);
            blanks(false);
            if (src.peek() == ')') {
                src.skip(1);
                return true;
            }
        }
        src.rewind(at);
        return false;
    }

    private Command simple() {
        List<Assignment> assignments = new ArrayList<>();
        List<Word> argv = new ArrayList<>();
        List<Redirect> redirects = new ArrayList<>();
        while (true) {
            blanks(false);
            if (src.atEnd()) break;
            char c = src.peek();
            if (redirections.operator() != null) {
                redirects.add(redirections.read());
                continue;
            }
            if (c == '\n' || c == ';' || c == '|' || c == '&' || c == ')') break;
            if (c == '(') {
                if (argv.size() == 1 && assignments.isEmpty() && parentheses()) {
                    blanks(true);
                    return command();
                }
                throw new NotReadable("unexpected \"(\"");
            }
            Word w = words.read();
            if (w == null) throw new NotReadable("unexpected \"" + c + "\"");
            Optional<Assignment> a = argv.isEmpty() ? w.assignment() : Optional.empty();
            if (a.isPresent()) {
                boolean array = a.get().values().getFirst().parts().isEmpty() && src.peek() == '(';
                assignments.add(array ? array(a.get().name()) : a.get());
            } else {
                argv.add(w);
                if (argv.size() == 1 && w.plain().filter("[["::equals).isPresent()) test(argv);
            }
        }
        if (argv.isEmpty() && assignments.isEmpty() && redirects.isEmpty()) {
            throw new NotReadable("a command is missing");
        }
        return new Simple(assignments, argv, redirects);
    }

    private Assignment array(String name) {
        src.skip(1);
        List<Word> values = new ArrayList<>();
        while (true) {
            blanks(true);
            if (src.atEnd()) throw new NotReadable("unbalanced \"(\"");
            if (src.peek() == ')') {
                src.skip(1);
                return new Assignment(name, values, true);
            }
            Word w = words.read();
            if (w == null) throw new NotReadable("unexpected \"" + src.peek() + "\"");
            values.add(w);
        }
    }

    /** [[ … ]]: && || ( ) < > are operators of the test there, not of the shell. */
    private void test(List<Word> argv) {
        while (true) {
            blanks(true);
            if (src.atEnd()) throw new NotReadable("\"]]\" is missing");
            if (src.startsWith("]]") && (src.peek(2) == 0 || WordReader.isMeta(src.peek(2)))) {
                src.skip(2);
                argv.add(Word.literal("]]"));
                return;
            }
            String op = src.startsWith("&&") || src.startsWith("||") ? src.slice(src.pos(), src.pos() + 2)
                    : "()<>!".indexOf(src.peek()) >= 0 ? String.valueOf(src.peek()) : null;
            if (op != null) {
                src.skip(op.length());
                argv.add(Word.literal(op));
            } else {
                Word w = words.read();
                if (w == null) throw new NotReadable("unexpected \"" + src.peek() + "\"");
                argv.add(w);
            }
        }
    }

    /** Skips blanks, line continuations and comments; newlines too when {@code newlines} (reading bodies due). */
    void blanks(boolean newlines) {
        while (!src.atEnd()) {
            char c = src.peek();
            if (c == ' ' || c == '\t') {
                src.skip(1);
            } else if (c == '\\' && src.peek(1) == '\n') {
                src.skip(2);
            } else if (c == '#') {
                while (!src.atEnd() && src.peek() != '\n') src.skip(1);
            } else if (c == '\n' && newlines) {
                src.skip(1);
                redirections.hereDocs();
            } else {
                return;
            }
        }
    }

    /** A reserved word starting here and ending at a metacharacter, or null. */
    private String reservedWord() {
        int i = 0;
        while (src.peek(i) != 0 && !WordReader.isMeta(src.peek(i)) && "'\"\\$`".indexOf(src.peek(i)) < 0) i++;
        if (i == 0 || i > 8) return null;
        String w = src.slice(src.pos(), src.pos() + i);
        return RESERVED.contains(w) ? w : null;
    }
}
