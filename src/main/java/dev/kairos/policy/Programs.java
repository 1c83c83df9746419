package dev.kairos.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One command with its words expanded: which program runs, and what the floor makes of it. Wrappers (sudo, env,
 * timeout, …) are unwrapped; shells and interpreters go to {@link Launches}; rm and find to {@link Deletes}; git to
 * {@link Pushes}; xargs and find -exec run their command on what they are given; the builtins that change what
 * later commands mean (cd, set, read, unset) change the scope; the rest is left to {@link Flows}.
 */
final class Programs {
    /** A command about to run: the scope, the variables set for it alone, and what its standard input holds. */
    record Call(Scope scope, Map<String, Arg> env, Out stdin) {
        Call with(Out in) {
            return new Call(scope, env, in);
        }
    }

    private static final int MAX_ALIASES = 8;
    private static final int MAX_ITEMS = 32;
    private static final Set<String> XARGS_FLAGS = Set.of("-0", "--null", "-r", "--no-run-if-empty", "-t",
            "--verbose", "-p", "--interactive", "-x", "--exit", "-o", "--open-tty", "--show-limits");
    private static final Set<String> XARGS_VALUES = Set.of("-a", "--arg-file", "-d", "--delimiter", "-E", "-I", "-L",
            "-n", "--max-args", "-P", "--max-procs", "-s", "--max-chars", "--process-slot-var");

    private final CommandWalk walk;
    private final Findings findings;
    private final Deletes deletes;
    private final Launches launches;
    private final Flows flows;
    private int aliases;

    Programs(CommandWalk walk, Deletes deletes) {
        this.walk = walk;
        this.findings = walk.findings;
        this.deletes = deletes;
        this.launches = new Launches(walk);
        this.flows = new Flows(walk.written);
    }

    Out run(List<Arg> argv, Call call) {
        if (argv.isEmpty()) return Out.NOTHING;
        Arg program = argv.getFirst();
        List<Arg> args = argv.subList(1, argv.size());
        if (!program.known()) {
            if (program.tainted()) findings.deny("running a command that comes from the network (" + walk.brief() + ")");
            else findings.unreadable("the program is not known until the command runs (" + program.shown() + ")");
            return Out.unknown(program.tainted() || call.stdin().tainted());
        }
        if (program.glob()) {
            findings.unreadable("the program is a pattern (" + program.shown() + ")");
            return Out.UNKNOWN;
        }
        String alias = call.scope().aliases().get(program.text());
        if (alias != null && aliases < MAX_ALIASES) return alias(alias, args, call);
        String name = base(program.text());
        Optional<Written.Fact> file = program.text().contains("/")
                ? walk.written.fact(LexicalPath.key(program, call.scope().cwd()))
                : walk.written.named(name).map(Map.Entry::getValue);
        if (program.text().contains("/")) launches.runsFile(program, call);
        else if (file.isPresent() && file.get().network()) launches.runsByName(program, walk.written.named(name).get().getKey());
        if (file.flatMap(Written.Fact::copyOf).isPresent()) name = file.get().copyOf().get();
        return named(name, args, call);
    }

    private Out named(String name, List<Arg> args, Call call) {
        if (Wrappers.wraps(name)) return wrapped(name, args, call);
        Optional<Interpreters.Launch> launch = Interpreters.launch(name, args);
        if (launch.isPresent()) return launches.launch(name, launch.get(), call);
        Scope scope = call.scope();
        return switch (name) {
            case "source", "." -> launches.source(args, call);
            case "eval" -> launches.eval(args, call);
            case "alias" -> launches.alias(args, call);
            case "trap" -> launches.trap(args, call);
            case "xargs" -> xargs(args, call);
            case "find" -> find(args, call);
            case "rm" -> {
                deletes.rm(args, scope.cwd(), findings);
                yield flows.passed(args, call);
            }
            case "git" -> {
                Map<String, Arg> environment = new HashMap<>(scope.assigned());
                environment.putAll(call.env());
                new Pushes(findings, (code, what) -> walk.code(code, scope.copy(), Out.NOTHING, what),
                        walk.written.gitAliases).git(args, environment);
                yield flows.passed(args, call);
            }
            case "cd", "pushd", "popd" -> cd(name, args, scope);
            case "unset" -> {
                args.stream().filter(a -> a.known() && !a.text().startsWith("-")).forEach(a -> scope.set(a.text(), Arg.literal("")));
                yield Out.NOTHING;
            }
            case "set", "shift" -> {
                if (name.equals("shift") || args.stream().anyMatch(a -> !a.known() || !a.text().startsWith("-"))) {
                    scope.positional(Optional.empty());
                }
                yield Out.NOTHING;
            }
            case "read", "mapfile", "readarray", "getopts", "for", "select" -> {
                List<Arg> names = name.equals("for") || name.equals("select") ? args.subList(0, Math.min(1, args.size())) : args;
                names.stream().filter(a -> a.known() && !a.text().startsWith("-"))
                        .forEach(a -> scope.set(a.text(), Arg.unknown("$" + a.text(), call.stdin().tainted())));
                yield Out.NOTHING;
            }
            case "export", "declare", "typeset", "local", "readonly", "shopt" -> Out.NOTHING;
            case "hash", "enable" -> {
                if (args.stream().anyMatch(a -> !a.known() || a.text().startsWith("-") && a.text().contains(name.equals("hash") ? "p" : "f"))) {
                    findings.unreadable(name + " changes which program a name runs");
                }
                yield Out.NOTHING;
            }
            default -> flows.run(name, args, call);
        };
    }

    /** An alias is text put in place of the command's name, then read again. */
    private Out alias(String value, List<Arg> args, Call call) {
        Optional<String> rest = Arg.quoted(args);
        if (rest.isEmpty()) {
            findings.unreadable("an alias runs arguments not known until the command runs");
            return Out.unknown(call.stdin().tainted());
        }
        aliases++;
        try {
            return walk.code(value + " " + rest.get(), call.scope(), call.stdin(), "an alias");
        } finally {
            aliases--;
        }
    }

    private Out wrapped(String name, List<Arg> args, Call call) {
        return switch (Wrappers.unwrap(name, args)) {
            case Wrappers.Run.Nothing n -> Out.NOTHING;
            case Wrappers.Run.Unreadable u -> {
                findings.unreadable(u.why());
                yield Out.unknown(call.stdin().tainted());
            }
            case Wrappers.Run.Code c -> launches.shellCode(c.code(), call, name);
            case Wrappers.Run.Program p -> {
                Scope scope = call.scope();
                Map<String, Arg> env = new HashMap<>(call.env());
                for (Arg a : p.assignments()) {
                    int eq = a.text().indexOf('=');
                    env.put(a.text().substring(0, eq), new Arg(a.text().substring(eq + 1), true, false, a.tainted(),
                            Optional.empty(), a.shown()));
                }
                if (p.cwd().isPresent()) {
                    scope = scope.copy();
                    cd("cd", List.of(p.cwd().get()), scope);
                }
                yield run(p.argv(), new Call(scope, env, call.stdin()));
            }
        };
    }

    /** xargs runs its command on the words of its input: known when a pipe says what they are. */
    private Out xargs(List<Arg> args, Call call) {
        int i = 0;
        String replace = null;
        for (; i < args.size(); i++) {
            Arg a = args.get(i);
            String t = a.text();
            if (!a.known()) {
                findings.unreadable("xargs with an argument not known until the command runs (" + a.shown() + ")");
                return Out.unknown(call.stdin().tainted());
            }
            if (!t.startsWith("-")) break;
            if (t.equals("--")) {
                i++;
                break;
            }
            if (t.equals("-I") || XARGS_VALUES.contains(t)) {
                if (t.equals("-I")) replace = i + 1 < args.size() ? args.get(i + 1).text() : "{}";
                i++;
            } else if (t.equals("-i") || t.equals("--replace")) {
                replace = "{}";
            } else if (t.startsWith("-I") || t.startsWith("-i") || t.startsWith("--replace=")) {
                replace = t.substring(t.startsWith("--") ? 10 : 2);
            } else if (!XARGS_FLAGS.contains(t) && !t.matches("--[a-z-]+=.*|-[deEsnLlPa].+|-[el]|--eof|--max-lines")) {
                findings.unreadable("xargs: option " + t + " is not known");
                return Out.unknown(call.stdin().tainted());
            }
        }
        List<Arg> command = i < args.size() ? args.subList(i, args.size()) : List.of(Arg.literal("echo"));
        String delimiter = replace != null ? "\n" : null;
        for (int j = 0; j < i; j++) {
            Arg a = args.get(j);
            if (a.is("-0") || a.is("--null")) delimiter = "\0";
            if ((a.is("-d") || a.is("--delimiter")) && j + 1 < i) delimiter = args.get(j + 1).text();
            if (a.text().startsWith("--delimiter=")) delimiter = a.text().substring(12);
            if (a.text().startsWith("-d") && a.text().length() > 2) delimiter = a.text().substring(2);
            if (a.is("-a") || a.is("--arg-file") || a.text().startsWith("--arg-file=")) delimiter = "file";
        }
        List<Arg> items = "file".equals(delimiter) ? List.of(Arg.unknown("the items of xargs -a", false))
                : items(call, delimiter);
        Call child = call.with(Out.NOTHING);
        if (replace == null) {
            List<Arg> argv = new ArrayList<>(command);
            argv.addAll(items);
            run(argv, child);
        } else {
            for (Arg item : items) run(substitute(command, replace, item), child);
        }
        return Out.unknown(call.stdin().tainted());
    }

    /** What xargs reads: lines (-I), items split at a delimiter (-0, -d), or words as xargs splits them. */
    private List<Arg> items(Call call, String delimiter) {
        Out in = call.stdin();
        if (in.text().isPresent()) {
            String text = in.text().get();
            List<String> split = delimiter == null ? XargsWords.split(text)
                    : List.of(text.split(delimiter.equals("\\n") ? "\n" : Pattern.quote(delimiter)));
            if (split == null) return List.of(Arg.unknown("the input of xargs", in.tainted()));
            List<Arg> words = new ArrayList<>();
            for (String w : split) {
                String item = delimiter == null ? w : delimiter.equals("\n") ? w.strip() : w;
                if (!item.isEmpty() && words.size() < MAX_ITEMS) {
                    words.add(new Arg(item, true, false, in.tainted(), Optional.empty(), item));
                }
            }
            return words;
        }
        if (!in.paths().isEmpty()) return in.paths();
        return List.of(Arg.unknown("the input of xargs", in.tainted()));
    }

    /** find: deletes of protected starting points, and the commands it runs on what it finds. */
    private Out find(List<Arg> args, Call call) {
        Deletes.Find f = Deletes.find(args);
        Optional<String> cwd = call.scope().cwd();
        List<Arg> listed = new ArrayList<>();
        for (Arg s : f.starts()) {
            listed.add(f.narrowed() && deletes.reaches(s, cwd) ? Arg.unknown("what find " + s.shown() + " finds", false) : s);
        }
        for (Arg s : f.starts()) {
            if (f.deletes()) deletes.check(s, cwd, "recursive delete", "find " + s.shown() + " -delete", !f.narrowed(), findings);
            for (List<Arg> exec : f.execs()) {
                if (!exec.isEmpty() && exec.getFirst().known() && Deletes.DELETERS.contains(base(exec.getFirst().text()))) {
                    deletes.check(s, cwd, "recursive delete", "find " + s.shown() + " -exec " + exec.getFirst().text(),
                            !f.narrowed(), findings);
                }
            }
        }
        for (List<Arg> exec : f.execs()) {
            for (Arg found : listed) run(substitute(exec, "{}", found), call.with(Out.NOTHING));
        }
        return new Out(false, Optional.empty(), List.copyOf(listed));
    }

    private static List<Arg> substitute(List<Arg> command, String marker, Arg item) {
        List<Arg> out = new ArrayList<>();
        for (Arg a : command) {
            if (!a.known() || !a.text().contains(marker)) out.add(a);
            else if (!item.known()) out.add(Arg.unknown(item.shown(), item.tainted()));
            else out.add(new Arg(a.text().replace(marker, item.text()), true, item.glob(), item.tainted(),
                    Optional.empty(), item.shown()));
        }
        return out;
    }

    /** cd, pushd, popd: the folder later relative paths start from, or unknown. */
    private Out cd(String name, List<Arg> args, Scope scope) {
        List<Arg> operands = args.stream().filter(a -> !a.known() || !a.text().startsWith("-") || a.is("-")).toList();
        if (name.equals("popd") || operands.isEmpty() && name.equals("pushd")) {
            scope.cd(Optional.empty());
            return Out.NOTHING;
        }
        Arg to = operands.isEmpty() ? scope.variable("HOME") : operands.getFirst();
        scope.cd(to.known() && !to.is("-") ? LexicalPath.absolute(to.text(), scope.cwd()) : Optional.empty());
        return Out.NOTHING;
    }

    private static String base(String program) {
        return program.substring(program.lastIndexOf('/') + 1);
    }
}
