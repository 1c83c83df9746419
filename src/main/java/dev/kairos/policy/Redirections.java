package dev.kairos.policy;

import dev.kairos.policy.ShellScript.Redirect;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Redirections as the parser meets them ({@code > f}, {@code 2>&1}, {@code &>>f}, {@code <<<word}, {@code <<EOF}),
 * and the bodies of here-documents, which follow the line that opens them.
 */
final class Redirections {
    private static final List<String> OPERATORS = List.of("<<<", "<<-", "<<", "<>", "<&", ">>", ">&", ">|", "&>>",
            "&>", "<", ">");

    private final ShellParser parser;
    private final ShellSource src;

    Redirections(ShellParser parser) {
        this.parser = parser;
        this.src = parser.src;
    }

    /** The operator of a redirection starting here (after its optional fd), or null. */
    String operator() {
        int i = 0;
        while (Character.isDigit(src.peek(i))) i++;
        for (String op : OPERATORS) {
            if (!src.text.startsWith(op, src.pos() + i)) continue;
            if (op.startsWith("&") && i > 0) return null;
            boolean process = (op.equals("<") || op.equals(">")) && src.peek(i + 1) == '(';
            return process ? null : op;
        }
        return null;
    }

    /** The redirections after a compound command's end ({@code done < file}, {@code ) > log}). */
    List<Redirect> after() {
        List<Redirect> out = new ArrayList<>();
        while (true) {
            parser.blanks(false);
            if (operator() == null) return out;
            out.add(read());
        }
    }

    Redirect read() {
        int start = src.pos();
        while (Character.isDigit(src.peek())) src.skip(1);
        int fd = src.pos() > start ? Integer.parseInt(src.slice(start, src.pos())) : -1;
        String op = operator();
        src.skip(op.length());
        parser.blanks(false);
        Word target = parser.words.read();
        if (target == null) throw new NotReadable("a redirection without its target (" + op + ")");
        if (!op.startsWith("<<") || op.equals("<<<")) return new Redirect(fd, op, target, Optional.empty());
        StringBuilder marker = new StringBuilder();
        for (Word.Part p : target.parts()) {
            if (!(p instanceof Word.Text t)) throw new NotReadable("a here-document marker with an expansion");
            marker.append(t.text());
        }
        HereDoc h = new HereDoc(marker.toString(), target.plain().isEmpty(), op.equals("<<-"));
        src.pendingHereDocs.add(h);
        return new Redirect(fd, op, target, Optional.of(h));
    }

    /** Bodies of the here-documents opened on the line just ended. */
    void hereDocs() {
        List<HereDoc> todo = List.copyOf(src.pendingHereDocs);
        src.pendingHereDocs.clear();
        for (HereDoc h : todo) {
            StringBuilder body = new StringBuilder();
            while (true) {
                if (src.atEnd()) throw new NotReadable("a here-document has no end line (" + h.marker + ")");
                String line = src.line();
                String bare = h.stripTabs ? line.replaceFirst("^\t+", "") : line;
                if (bare.equals(h.marker)) break;
                body.append(bare).append('\n');
            }
            h.body = body.toString();
            if (!h.quoted) h.expanded = ShellParser.nested(h.body, parser.depth + 1).words.hereDocument();
            h.read = true;
        }
    }
}
