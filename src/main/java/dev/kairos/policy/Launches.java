package dev.kairos.policy;

import dev.kairos.policy.Interpreters.Kind;
import dev.kairos.policy.Interpreters.Launch;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Code being run: by a shell or an interpreter (inline, from a script, from standard input), by source, eval,
 * alias and trap, or a file run by its path. Code from the network, in any of these ways, is denied; a shell's code
 * is read as a command line in turn; code whose text the line does not give is unreadable.
 */
final class Launches {
    /** Inline code of another language that reaches the network: it may run what it fetches. */
    private static final Pattern NETWORK_CODE = Pattern.compile("://|urllib|urlopen|requests|http\\.client|httplib"
            + "|socket|LWP|HTTP::Tiny|IO::Socket|Net::HTTP|open-uri|URI\\.open|fetch\\(|https?\\.get|https?\\.request"
            + "|XMLHttpRequest|curl_|file_get_contents|fsockopen|wget|curl");
    /** How awk runs commands: system(), and pipes to or from a command. */
    private static final Pattern AWK_RUNS = Pattern.compile("system|\\||getline");

    private final CommandWalk walk;
    private final Findings findings;

    Launches(CommandWalk walk) {
        this.walk = walk;
        this.findings = walk.findings;
    }

    Out launch(String name, Launch l, Programs.Call call) {
        String into = l.kind() == Kind.SHELL ? "a shell" : "an interpreter";
        if (l.kind() == Kind.SHELL) shellStartup(call);
        for (Arg c : l.code()) {
            if (c.tainted()) return piped(into);
            if (!c.known()) {
                findings.unreadable(name + " runs code not known until the command runs (" + c.shown() + ")");
                return Out.unknown(call.stdin().tainted());
            }
        }
        if (l.script().isPresent()) {
            Optional<String> text = script(l.script().get(), call, into, name);
            return text.map(t -> code(name, l, t, call, call.stdin())).orElse(Out.unknown(call.stdin().tainted()));
        }
        if (!l.code().isEmpty()) {
            String text = String.join("\n", l.code().stream().map(Arg::text).toList());
            return code(name, l, text, call, call.stdin());
        }
        if (!l.readsStdin()) return Out.unknown(call.stdin().tainted());
        Out in = call.stdin();
        if (in.tainted()) return piped(into);
        if (in.text().isEmpty()) {
            findings.unreadable(name + " reads its code from standard input, whose content is not known");
            return Out.UNKNOWN;
        }
        return code(name, l, in.text().get(), call, Out.NOTHING);
    }

    /** Code whose text is known: a shell's is read; another language's is judged by what it may reach. */
    private Out code(String name, Launch l, String text, Programs.Call call, Out stdin) {
        switch (l.kind()) {
            case SHELL -> {
                Scope scope = call.scope().copy();
                call.env().forEach(scope::set);
                List<Arg> args = l.arguments();
                boolean inline = !l.code().isEmpty();
                scope.positional(Optional.of(inline && !args.isEmpty() ? args.subList(1, args.size()) : args));
                if (inline && !args.isEmpty()) scope.set("0", args.getFirst());
                return walk.code(text, scope, stdin, name + (inline ? " -c" : ""));
            }
            case AWK -> {
                if (stdin.tainted() && AWK_RUNS.matcher(text).find()) {
                    findings.unreadable(name + " is fed from the network and may run commands from it");
                }
                return Out.unknown(stdin.tainted());
            }
            default -> {
                if (NETWORK_CODE.matcher(text).find()) {
                    findings.unreadable(name + " runs code that reaches the network and may run what it fetches");
                    return Out.NETWORK;
                }
                if (stdin.tainted()) findings.unreadable(name + " runs code that reads from the network");
                return Out.unknown(stdin.tainted());
            }
        }
    }

    /**
     * The text of a script operand when the line gives it; empty when it is a file of the repository (not read)
     * or when the reading has already denied or given up on it.
     */
    private Optional<String> script(Arg s, Programs.Call call, String into, String name) {
        if (s.tainted() || s.known() && s.text().matches("(?i)(https?|ftp)://.*")) {
            piped(into);
            return Optional.empty();
        }
        if (s.content().isPresent()) return s.content();
        if (!s.known()) {
            findings.unreadable(name + " runs a script not known until the command runs (" + s.shown() + ")");
            return Optional.empty();
        }
        if (s.text().startsWith("/dev/fd/")) {
            findings.unreadable(name + " runs what a process substitution writes, which is not known");
            return Optional.empty();
        }
        return written(s, call, name);
    }

    /** A file the line itself wrote (or downloaded) before running it. */
    private Optional<String> written(Arg file, Programs.Call call, String name) {
        Optional<Written.Fact> fact = walk.written.fact(LexicalPath.key(file, call.scope().cwd()));
        if (fact.isPresent() && fact.get().network()) {
            findings.deny("running a downloaded file (" + walk.brief() + ")");
            return Optional.empty();
        }
        if (fact.isPresent() && fact.get().copyOf().isPresent()) return Optional.empty();
        if (fact.isPresent() && fact.get().content().isEmpty()) {
            findings.unreadable(name + " runs a file the command writes first (" + file.shown() + ")");
        } else if (fact.isEmpty() && walk.written.unknownDownloads) {
            findings.unreadable(name + " runs a file that may have been downloaded (" + file.shown() + ")");
        }
        return fact.flatMap(Written.Fact::content);
    }

    /** A program run by its path (./x, /tmp/x): denied when the line downloaded it, read when the line wrote it. */
    void runsFile(Arg program, Programs.Call call) {
        written(program, call, program.text()).ifPresent(text -> walk.code(text, call.scope().copy(), call.stdin(),
                program.text()));
    }

    /** A program run by name that the line downloaded to a folder of that name (… | tee /usr/local/bin/x; x). */
    void runsByName(Arg program, String path) {
        if (path.matches(".*/s?bin/[^/]+")) findings.deny("running a downloaded file (" + walk.brief() + ")");
        else findings.unreadable(program.text() + " may run the file the command downloads to " + path);
    }

    Out source(List<Arg> args, Programs.Call call) {
        if (args.isEmpty()) return Out.NOTHING;
        Arg file = args.getFirst();
        Launch l = new Launch(Kind.SHELL, List.of(), Optional.of(file), false, args.subList(1, args.size()));
        if (file.is("/dev/stdin") || file.is("-")) l = new Launch(Kind.SHELL, List.of(), Optional.empty(), true, List.of());
        Optional<String> text = l.readsStdin() ? call.stdin().text() : script(file, call, "a shell", "source");
        if (l.readsStdin() && call.stdin().tainted()) return piped("a shell");
        if (l.readsStdin() && text.isEmpty()) findings.unreadable("source reads a pipe whose content is not known");
        return text.map(t -> walk.code(t, call.scope(), Out.NOTHING, "source")).orElse(Out.UNKNOWN);
    }

    Out eval(List<Arg> args, Programs.Call call) {
        if (Arg.anyTainted(args)) return piped("a shell");
        if (!args.stream().allMatch(Arg::known)) {
            findings.unreadable("eval runs text not known until the command runs");
            return Out.UNKNOWN;
        }
        return walk.code(String.join(" ", args.stream().map(Arg::text).toList()), call.scope(), call.stdin(), "eval");
    }

    /** A line of shell handed over by a wrapper (su -c, watch, sudo -s …, env -S). */
    Out shellCode(Arg code, Programs.Call call, String name) {
        if (code.tainted()) return piped("a shell");
        if (!code.known()) {
            findings.unreadable(name + " runs a line not known until the command runs");
            return Out.unknown(call.stdin().tainted());
        }
        Scope scope = call.scope().copy();
        call.env().forEach(scope::set);
        return walk.code(code.text(), scope, call.stdin(), name);
    }

    /** alias NAME=VALUE: the value is read now (it may run later) and kept for later commands of the line. */
    Out alias(List<Arg> args, Programs.Call call) {
        for (Arg a : args) {
            if (!a.known()) {
                findings.unreadable("alias with a value not known until the command runs");
                continue;
            }
            int eq = a.text().indexOf('=');
            if (eq <= 0) continue;
            String value = a.text().substring(eq + 1);
            call.scope().aliases().put(a.text().substring(0, eq), value);
            walk.code(value, call.scope().copy(), Out.NOTHING, "alias");
        }
        return Out.NOTHING;
    }

    /** trap 'CODE' SIGNALS…: the code runs later, in this shell. */
    Out trap(List<Arg> args, Programs.Call call) {
        List<Arg> operands = args.stream().dropWhile(a -> a.is("--")).toList();
        if (operands.size() < 2 || operands.getFirst().is("-") || operands.getFirst().known()
                && operands.getFirst().text().startsWith("-")) {
            return Out.NOTHING;
        }
        return shellCode(operands.getFirst(), call, "trap");
    }

    /** BASH_ENV and ENV name a file a new shell reads first. */
    private void shellStartup(Programs.Call call) {
        for (String name : List.of("BASH_ENV", "ENV")) {
            Arg v = call.env().containsKey(name) ? call.env().get(name) : call.scope().assigned().get(name);
            if (v != null) script(v, call, "a shell", name).ifPresent(t -> walk.code(t, call.scope().copy(), Out.NOTHING, name));
        }
    }

    private Out piped(String into) {
        findings.deny("piping a download into " + into + " (" + walk.brief() + ")");
        return Out.NETWORK;
    }
}
