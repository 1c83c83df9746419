package dev.kairos.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Programs that run code, and where one call takes its code from: inline ({@code -c}, {@code -e}), a script file,
 * or standard input. Shells are read further by the walk; other languages are not read, only where their code
 * comes from.
 */
final class Interpreters {
    enum Kind { SHELL, OTHER, AWK }

    /** How one call gets its code; {@code arguments} are what follows it ($0 first for a shell's -c). */
    record Launch(Kind kind, List<Arg> code, Optional<Arg> script, boolean readsStdin, List<Arg> arguments) {}

    private record Spec(Kind kind, Set<String> code, Set<String> scripts, Set<String> values, Set<String> modules) {
        Spec(Kind kind, Set<String> code, Set<String> values) {
            this(kind, code, Set.of(), values, Set.of());
        }
    }

    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "mksh", "pdksh", "ash",
            "fish", "yash", "csh", "tcsh", "rbash", "posh");
    private static final Pattern VERSIONED = Pattern.compile("(python|pypy|perl|php|lua|ruby|node|tclsh|wish)[0-9.]*");
    private static final Set<String> STDIN = Set.of("-", "/dev/stdin", "/dev/fd/0", "/proc/self/fd/0");
    private static final Spec GENERIC = new Spec(Kind.OTHER, Set.of(), Set.of());
    private static final Map<String, Spec> SPECS = Map.ofEntries(
            Map.entry("python", new Spec(Kind.OTHER, Set.of("-c"), Set.of(), Set.of("-W", "-X", "-Q",
                    "--check-hash-based-pycs"), Set.of("-m"))),
            Map.entry("pypy", new Spec(Kind.OTHER, Set.of("-c"), Set.of(), Set.of("-W", "-X"), Set.of("-m"))),
            Map.entry("perl", new Spec(Kind.OTHER, Set.of("-e", "-E"), Set.of("-I", "-M", "-m"))),
            Map.entry("ruby", new Spec(Kind.OTHER, Set.of("-e"), Set.of("-I", "-r", "-C", "-E"))),
            Map.entry("node", new Spec(Kind.OTHER, Set.of("-e", "--eval", "-p", "--print"), Set.of("-r", "--require",
                    "--import", "--loader", "--experimental-loader", "-C", "--conditions", "--input-type",
                    "--env-file", "--title"))),
            Map.entry("php", new Spec(Kind.OTHER, Set.of("-r", "-B", "-R", "-E"), Set.of("-f"),
                    Set.of("-d", "-c", "-z", "-t", "-S", "-F"), Set.of())),
            Map.entry("lua", new Spec(Kind.OTHER, Set.of("-e"), Set.of("-l"))),
            Map.entry("Rscript", new Spec(Kind.OTHER, Set.of("-e"), Set.of())),
            Map.entry("R", new Spec(Kind.OTHER, Set.of("-e"), Set.of("-f", "--file"), Set.of(), Set.of())),
            Map.entry("julia", new Spec(Kind.OTHER, Set.of("-e", "--eval", "-E", "--print"), Set.of())),
            Map.entry("osascript", new Spec(Kind.OTHER, Set.of("-e"), Set.of())),
            Map.entry("pwsh", new Spec(Kind.OTHER, Set.of("-c", "-Command", "-command"), Set.of("-f", "-File",
                    "-file"), Set.of(), Set.of())),
            Map.entry("expect", new Spec(Kind.OTHER, Set.of("-c"), Set.of())),
            Map.entry("guile", new Spec(Kind.OTHER, Set.of("-c"), Set.of())),
            Map.entry("racket", new Spec(Kind.OTHER, Set.of("-e"), Set.of())),
            Map.entry("sbcl", new Spec(Kind.OTHER, Set.of("--eval"), Set.of("--load"), Set.of(), Set.of())),
            Map.entry("elixir", new Spec(Kind.OTHER, Set.of("-e"), Set.of())),
            Map.entry("erl", new Spec(Kind.OTHER, Set.of("-eval"), Set.of())),
            Map.entry("awk", new Spec(Kind.AWK, Set.of("-e", "--source"), Set.of("-f", "--file"),
                    Set.of("-F", "-v", "-i", "-l"), Set.of())));
    private static final Set<String> OTHERS = Set.of("tclsh", "wish", "jshell", "groovy", "scala", "irb", "deno",
            "bun", "escript", "runghc", "swift", "luajit", "nodejs", "gawk", "mawk", "nawk", "powershell", "sqlite3",
            "ed", "ex");

    private Interpreters() {}

    static Optional<Launch> launch(String program, List<Arg> args) {
        String name = VERSIONED.matcher(program).matches() ? program.replaceFirst("[0-9.]*$", "") : program;
        name = switch (name) {
            case "nodejs", "bun" -> "node";
            case "luajit" -> "lua";
            case "gawk", "mawk", "nawk" -> "awk";
            case "powershell" -> "pwsh";
            default -> name;
        };
        if (SHELLS.contains(name)) return Optional.of(shell(args));
        if (name.equals("deno")) return Optional.of(deno(args));
        if (name.equals("sqlite3")) return Optional.of(sqlite(args));
        if (!SPECS.containsKey(name) && !OTHERS.contains(name)) return Optional.empty();
        return Optional.of(other(SPECS.getOrDefault(name, GENERIC), args));
    }

    /** sh [-euxo opt…] [-c CODE [$0 args…] | -s [args…] | SCRIPT [args…]]. */
    private static Launch shell(List<Arg> args) {
        boolean inline = false;
        boolean stdin = false;
        int i = 0;
        while (i < args.size() && args.get(i).known()) {
            String t = args.get(i).text();
            if (t.equals("--") || t.equals("-")) {
                i++;
                break;
            }
            if (t.equals("--rcfile") || t.equals("--init-file") || t.equals("--init-command")) {
                i += 2;
            } else if (t.equals("--command")) {
                inline = true;
                i++;
            } else if (t.startsWith("--command=")) {
                List<Arg> rest = args.subList(i + 1, args.size());
                return new Launch(Kind.SHELL, List.of(Arg.literal(t.substring(10))), Optional.empty(), false, rest);
            } else if (t.startsWith("--")) {
                i++;
            } else if ((t.startsWith("-") || t.startsWith("+")) && t.length() > 1) {
                inline |= t.indexOf('c') > 0;
                stdin |= t.indexOf('s') > 0;
                i += t.indexOf('o') > 0 || t.indexOf('O') > 0 ? 2 : 1;
            } else {
                break;
            }
        }
        List<Arg> operands = args.subList(Math.min(i, args.size()), args.size());
        if (inline) {
            if (operands.isEmpty()) return new Launch(Kind.SHELL, List.of(), Optional.empty(), false, List.of());
            return new Launch(Kind.SHELL, List.of(operands.getFirst()), Optional.empty(), false,
                    operands.subList(1, operands.size()));
        }
        if (stdin || operands.isEmpty() || operands.getFirst().known() && STDIN.contains(operands.getFirst().text())) {
            return new Launch(Kind.SHELL, List.of(), Optional.empty(), true, operands);
        }
        return new Launch(Kind.SHELL, List.of(), Optional.of(operands.getFirst()), false,
                operands.subList(1, operands.size()));
    }

    private static Launch other(Spec spec, List<Arg> args) {
        List<Arg> code = new ArrayList<>();
        Optional<Arg> script = Optional.empty();
        boolean module = false;
        int i = 0;
        options:
        while (i < args.size() && args.get(i).known()) {
            String t = args.get(i).text();
            Arg next = i + 1 < args.size() ? args.get(i + 1) : Arg.literal("");
            if (t.equals("--")) {
                i++;
                break;
            }
            if (!t.startsWith("-") || t.equals("-")) break;
            String name = t.contains("=") ? t.substring(0, t.indexOf('=')) : t;
            Optional<Arg> given = t.contains("=") ? Optional.of(Arg.literal(t.substring(t.indexOf('=') + 1)))
                    : Optional.empty();
            if (spec.code.contains(name) || spec.scripts.contains(name) || spec.values.contains(name)
                    || spec.modules.contains(name) || t.startsWith("--")) {
                Arg value = given.orElse(next);
                if (spec.code.contains(name)) code.add(value);
                if (spec.scripts.contains(name)) script = Optional.of(value);
                if (spec.modules.contains(name)) module = true;
                boolean takes = !spec.values.contains(name) && !spec.code.contains(name)
                        && !spec.scripts.contains(name) && !spec.modules.contains(name);
                i += given.isPresent() || takes ? 1 : 2;
                if (module) break;
                continue;
            }
            for (int k = 1; k < t.length(); k++) {
                String opt = "-" + t.charAt(k);
                boolean attached = k + 1 < t.length();
                Arg value = attached ? Arg.literal(t.substring(k + 1)) : next;
                if (!spec.code.contains(opt) && !spec.scripts.contains(opt) && !spec.values.contains(opt)
                        && !spec.modules.contains(opt)) {
                    continue;
                }
                if (spec.code.contains(opt)) code.add(value);
                if (spec.scripts.contains(opt)) script = Optional.of(value);
                if (!attached) i++;
                if (spec.modules.contains(opt)) {
                    i++;
                    break options;
                }
                break;
            }
            i++;
        }
        List<Arg> operands = args.subList(Math.min(i, args.size()), args.size());
        if (module || !code.isEmpty() || script.isPresent()) {
            return new Launch(spec.kind, code, script, false, operands);
        }
        if (spec.kind == Kind.AWK && !operands.isEmpty()) {
            return new Launch(Kind.AWK, List.of(operands.getFirst()), Optional.empty(), false,
                    operands.subList(1, operands.size()));
        }
        if (operands.isEmpty() || operands.getFirst().known() && STDIN.contains(operands.getFirst().text())) {
            return new Launch(spec.kind, List.of(), Optional.empty(), spec.kind != Kind.AWK, operands);
        }
        return new Launch(spec.kind, List.of(), Optional.of(operands.getFirst()), false,
                operands.subList(1, operands.size()));
    }

    /** deno eval CODE, deno run SCRIPT-or-URL; its other commands run no code of their own. */
    private static Launch deno(List<Arg> args) {
        List<Arg> operands = args.stream().filter(a -> !a.known() || !a.text().startsWith("-")).toList();
        if (operands.size() >= 2 && operands.getFirst().is("eval")) {
            return new Launch(Kind.OTHER, List.of(operands.get(1)), Optional.empty(), false, List.of());
        }
        if (operands.size() >= 2 && operands.getFirst().is("run")) {
            return new Launch(Kind.OTHER, List.of(), Optional.of(operands.get(1)), false, List.of());
        }
        return new Launch(Kind.OTHER, List.of(), Optional.empty(), false, List.of());
    }

    /** sqlite3 [options] [DB [SQL…]]: without SQL it reads its commands (.shell among them) from standard input. */
    private static Launch sqlite(List<Arg> args) {
        List<Arg> operands = args.stream().filter(a -> !a.known() || !a.text().startsWith("-")).toList();
        if (operands.size() >= 2) {
            return new Launch(Kind.OTHER, operands.subList(1, operands.size()), Optional.empty(), false, List.of());
        }
        return new Launch(Kind.OTHER, List.of(), Optional.empty(), true, List.of());
    }
}
