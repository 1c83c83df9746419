package dev.kairos.policy;

import dev.kairos.policy.ShellScript.Assignment;
import dev.kairos.policy.ShellScript.Command;
import dev.kairos.policy.ShellScript.Compound;
import dev.kairos.policy.ShellScript.Pipeline;
import dev.kairos.policy.ShellScript.Redirect;
import dev.kairos.policy.ShellScript.Simple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Walks a parsed command line in the order the shell would run it, every part as one that may run: it carries
 * what is known (the folder, variables, the files written, what flows through pipes and redirections) and hands
 * each command to {@link Programs}. Substitutions run where the shell runs them, in a copy of the scope.
 */
final class CommandWalk {
    private static final int MAX_DEPTH = 16;
    private static final Set<String> DECLARATIONS = Set.of("export", "declare", "typeset", "local", "readonly");

    final Findings findings = new Findings();
    final Written written = new Written();
    private final String line;
    private final Programs programs;
    private int depth;

    CommandWalk(String line, String home) {
        this.line = line;
        this.programs = new Programs(this, new Deletes(new ProtectedFolders(home)));
    }

    /** The whole line, shortened, for a reason. */
    String brief() {
        String c = Glob.normalise(line);
        return c.length() <= 80 ? c : c.substring(0, 77) + "…";
    }

    /** Reads a line of shell (the command, a -c string, an eval, a here-document fed to a shell) and walks it. */
    Out code(String text, Scope scope, Out stdin, String what) {
        if (depth >= MAX_DEPTH) {
            findings.unreadable(what + " nests shells too deep to read");
            return Out.UNKNOWN;
        }
        depth++;
        try {
            ShellParser.Parsed p = ShellParser.parse(text, depth);
            p.error().ifPresent(e -> findings.unreadable(what.isEmpty() ? e : what + ": " + e));
            return script(p.script(), scope, stdin);
        } finally {
            depth--;
        }
    }

    Out script(ShellScript s, Scope scope, Out stdin) {
        Out out = Out.NOTHING;
        for (Pipeline p : s.pipelines()) out = out.then(pipeline(p, scope, stdin));
        return out;
    }

    private Out pipeline(Pipeline p, Scope scope, Out stdin) {
        if (p.stages().size() == 1) return command(p.stages().getFirst(), scope, stdin);
        Out in = stdin;
        for (Command c : p.stages()) in = command(c, scope.copy(), in);
        return in;
    }

    private Out command(Command c, Scope scope, Out stdin) {
        return switch (c) {
            case Compound k -> {
                Scope inner = k.subshell() ? scope.copy() : scope;
                List<ShellScript> later = new ArrayList<>();
                Plumbing p = plumbing(k.redirects(), expansion(inner, stdin, later), stdin, inner);
                Out out = script(k.body(), inner, p.stdin);
                yield deliver(p, out, inner, later);
            }
            case Simple s -> simple(s, scope, stdin);
        };
    }

    private Out simple(Simple s, Scope scope, Out stdin) {
        List<ShellScript> later = new ArrayList<>();
        Expansion ex = expansion(scope, stdin, later);
        Map<String, Arg> env = new LinkedHashMap<>();
        for (Assignment a : s.assignments()) env.put(a.name(), value(a, ex));
        List<Arg> argv = new ArrayList<>();
        boolean declaring = !s.words().isEmpty() && s.words().getFirst().plain().filter(DECLARATIONS::contains).isPresent();
        for (Word w : s.words()) {
            Optional<Assignment> a = declaring ? w.assignment() : Optional.empty();
            if (a.isPresent()) scope.set(a.get().name(), value(a.get(), ex));
            else argv.addAll(ex.fields(w));
        }
        Plumbing p = plumbing(s.redirects(), ex, stdin, scope);
        Out out;
        if (argv.isEmpty()) {
            env.forEach(scope::set);
            out = Out.NOTHING;
        } else {
            out = programs.run(argv, new Programs.Call(scope, env, p.stdin));
        }
        return deliver(p, out, scope, later);
    }

    private Arg value(Assignment a, Expansion ex) {
        if (!a.array()) return a.values().isEmpty() ? Arg.literal("") : ex.single(a.values().getFirst());
        boolean tainted = false;
        for (Word w : a.values()) tainted |= Arg.anyTainted(ex.fields(w));
        return Arg.unknown("(…)", tainted);
    }

    /** Substitutions run in a copy of the scope; {@code >(…)} bodies wait for what the command writes. */
    private Expansion expansion(Scope scope, Out stdin, List<ShellScript> later) {
        return new Expansion(scope, (body, process) -> {
            if (process != null && !process.input()) {
                later.add(body);
                return Out.NOTHING;
            }
            return script(body, scope.copy(), process == null ? stdin : Out.NOTHING);
        });
    }

    /** Where a command's input comes from and where its output goes. */
    private record Plumbing(Out stdin, List<Arg> stdout, boolean append) {}

    private Plumbing plumbing(List<Redirect> redirects, Expansion ex, Out stdin, Scope scope) {
        Out in = stdin;
        List<Arg> out = new ArrayList<>();
        boolean append = false;
        for (Redirect r : redirects) {
            if (r.hereDoc().isPresent()) {
                HereDoc h = r.hereDoc().get();
                if (!h.read) {
                    in = Out.UNKNOWN;
                    continue;
                }
                Arg body = h.quoted ? Arg.literal(h.body) : ex.single(h.expanded);
                in = body.known() ? Out.text(body.text(), body.tainted()) : Out.unknown(body.tainted());
                continue;
            }
            Arg t = ex.single(r.target());
            boolean network = t.known() && (t.text().startsWith("/dev/tcp/") || t.text().startsWith("/dev/udp/"));
            written.networkDescriptor |= network;
            switch (r.op()) {
                case "<", "<>" -> {
                    if (r.fd() <= 0) in = network ? Out.NETWORK : written.read(t, scope.cwd());
                }
                case "<<<" -> in = t.known() ? Out.text(t.text() + "\n", t.tainted()) : Out.unknown(t.tainted());
                case "<&" -> {
                    if (r.fd() <= 0) in = written.networkDescriptor ? Out.NETWORK : t.is("-") ? Out.NOTHING : Out.UNKNOWN;
                }
                case ">", ">|", ">>", "&>", "&>>" -> {
                    if (r.fd() <= 1) {
                        out.add(t);
                        append |= r.op().endsWith(">>");
                    }
                }
                case ">&" -> {
                    if (r.fd() <= 1 && !(t.known() && t.text().matches("\\d+|-"))) out.add(t);
                }
                default -> { }
            }
        }
        return new Plumbing(in, out, append);
    }

    /** Output written to files is recorded (a download saved is a download); a pipe then gets nothing. */
    private Out deliver(Plumbing p, Out out, Scope scope, List<ShellScript> later) {
        for (ShellScript body : later) script(body, scope.copy(), out);
        for (Arg file : p.stdout) {
            if (file.is("/dev/null")) continue;
            written.record(LexicalPath.key(file, scope.cwd()), new Written.Fact(out.tainted(),
                    out.text()), p.append);
        }
        return p.stdout.isEmpty() ? out : Out.NOTHING;
    }
}
