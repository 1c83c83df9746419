package dev.kairos.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Programs that run another program named in their arguments (sudo, env, timeout, nohup, nice, …) or a line of
 * shell (su -c, watch, flock -c). An option a wrapper is not known to take makes the call unreadable, since it
 * could hide which word is the program.
 */
final class Wrappers {
    /** What a wrapper runs. */
    sealed interface Run {
        /** A program with its arguments; {@code assignments} are NAME=VALUE words, {@code cwd} a folder to run in. */
        record Program(List<Arg> argv, List<Arg> assignments, Optional<Arg> cwd) implements Run {}

        /** A line of shell. */
        record Code(Arg code) implements Run {}

        record Nothing() implements Run {}

        record Unreadable(String why) implements Run {}
    }

    /**
     * @param flags options without a value; {@code values} with one; {@code operands} words between the options
     *     and the program (timeout's duration); {@code code} options whose value is a line of shell; {@code shell}
     *     options that run the program through a shell; {@code none} options that run nothing
     */
    private record Spec(Set<String> flags, Set<String> values, int operands, Set<String> code, Set<String> shell,
            Set<String> none, boolean assignments, Set<String> cwd) {
        Spec(Set<String> flags, Set<String> values, int operands) {
            this(flags, values, operands, Set.of(), Set.of(), Set.of(), false, Set.of());
        }
    }

    private static final Map<String, Spec> SPECS = Map.ofEntries(
            Map.entry("env", new Spec(Set.of("-i", "-0", "-v", "-", "--ignore-environment", "--null", "--debug",
                    "--block-signal", "--default-signal", "--ignore-signal"), Set.of("-u", "--unset", "-C", "--chdir"),
                    0, Set.of("-S", "--split-string"), Set.of(), Set.of(), true, Set.of("-C", "--chdir"))),
            Map.entry("sudo", new Spec(Set.of("-A", "-B", "-b", "-E", "-H", "-i", "-K", "-k", "-N", "-n", "-P", "-S",
                    "-s", "-l", "-V", "-v", "-e", "--askpass", "--bell", "--background", "--preserve-env",
                    "--set-home", "--login", "--remove-timestamp", "--reset-timestamp", "--no-update",
                    "--non-interactive", "--preserve-groups", "--stdin", "--shell", "--list", "--version",
                    "--validate", "--edit"), Set.of("-C", "-D", "-g", "-h", "-p", "-R", "-r", "-T", "-t", "-U", "-u",
                    "--close-from", "--chdir", "--group", "--host", "--prompt", "--chroot", "--role",
                    "--command-timeout", "--type", "--other-user", "--user"), 0, Set.of(),
                    Set.of("-s", "-i", "--shell", "--login"), Set.of("-l", "--list", "-V", "--version", "-v",
                    "--validate", "-e", "--edit", "-K", "--remove-timestamp"), true, Set.of("-D", "--chdir"))),
            Map.entry("doas", new Spec(Set.of("-n", "-s", "-L"), Set.of("-u", "-C"), 0, Set.of(), Set.of("-s"),
                    Set.of(), false, Set.of())),
            Map.entry("pkexec", new Spec(Set.of("--disable-internal-agent", "--keep-cwd"), Set.of("--user"), 0)),
            Map.entry("nohup", new Spec(Set.of(), Set.of(), 0)),
            Map.entry("builtin", new Spec(Set.of(), Set.of(), 0)),
            Map.entry("timeout", new Spec(Set.of("--preserve-status", "--foreground", "-v", "--verbose"),
                    Set.of("-s", "--signal", "-k", "--kill-after"), 1)),
            Map.entry("nice", new Spec(Set.of(), Set.of("-n", "--adjustment"), 0)),
            Map.entry("ionice", new Spec(Set.of("-t", "--ignore"), Set.of("-c", "-n", "-p", "-P", "-u", "--class",
                    "--classdata", "--pid", "--pgid", "--uid"), 0)),
            Map.entry("command", new Spec(Set.of("-p"), Set.of(), 0, Set.of(), Set.of(), Set.of("-v", "-V"), false,
                    Set.of())),
            Map.entry("exec", new Spec(Set.of("-c", "-l"), Set.of("-a"), 0)),
            Map.entry("time", new Spec(Set.of("-p", "-v", "-a", "-q", "--verbose", "--append", "--quiet",
                    "--portability"), Set.of("-f", "-o", "--format", "--output"), 0)),
            Map.entry("stdbuf", new Spec(Set.of(), Set.of("-i", "-o", "-e", "--input", "--output", "--error"), 0)),
            Map.entry("setsid", new Spec(Set.of("-c", "-f", "-w", "--ctty", "--fork", "--wait"), Set.of(), 0)),
            Map.entry("chroot", new Spec(Set.of("--skip-chdir"), Set.of("--userspec", "--groups"), 1)),
            Map.entry("taskset", new Spec(Set.of("-a", "-c", "--all-tasks", "--cpu-list"), Set.of(), 1, Set.of(),
                    Set.of(), Set.of("-p", "--pid"), false, Set.of())),
            Map.entry("flock", new Spec(Set.of("-s", "-x", "-e", "-u", "-n", "-o", "-F", "--shared", "--exclusive",
                    "--unlock", "--nonblock", "--nb", "--close", "--no-fork", "--verbose"), Set.of("-w", "-E",
                    "--timeout", "--wait", "--conflict-exit-code"), 1, Set.of("-c", "--command"), Set.of(), Set.of(),
                    false, Set.of())),
            Map.entry("strace", new Spec(Set.of("-f", "-ff", "-F", "-c", "-C", "-d", "-D", "-i", "-k", "-q", "-qq",
                    "-r", "-t", "-tt", "-ttt", "-T", "-v", "-w", "-x", "-xx", "-y", "-yy", "-z", "-Z"), Set.of("-o",
                    "-e", "-p", "-s", "-u", "-E", "-a", "-b", "-I", "-P", "-S", "-X", "-O"), 0)),
            Map.entry("ltrace", new Spec(Set.of("-f", "-c", "-C", "-i", "-r", "-S", "-t", "-tt", "-ttt", "-T", "-b"),
                    Set.of("-o", "-e", "-p", "-s", "-u", "-a", "-A", "-D", "-F", "-l", "-n", "-x", "-w"), 0)),
            Map.entry("unbuffer", new Spec(Set.of("-p"), Set.of(), 0)),
            Map.entry("caffeinate", new Spec(Set.of("-d", "-i", "-m", "-s", "-u"), Set.of("-t", "-w"), 0)),
            Map.entry("xvfb-run", new Spec(Set.of("-a", "--auto-servernum"), Set.of("-n", "-s", "-f", "-e", "-p",
                    "-w", "--server-num", "--server-args", "--auth-file", "--error-file", "--xauth-protocol",
                    "--wait"), 0)),
            Map.entry("chronic", new Spec(Set.of("-e", "-v"), Set.of(), 0)),
            Map.entry("nocache", new Spec(Set.of(), Set.of(), 0)),
            Map.entry("torsocks", new Spec(Set.of("-i", "--isolate"), Set.of("-u", "-p", "-a", "-P"), 0)),
            Map.entry("proxychains", new Spec(Set.of("-q"), Set.of("-f"), 0)),
            Map.entry("proxychains4", new Spec(Set.of("-q"), Set.of("-f"), 0)),
            Map.entry("gosu", new Spec(Set.of(), Set.of(), 1)),
            Map.entry("su-exec", new Spec(Set.of(), Set.of(), 1)),
            Map.entry("busybox", new Spec(Set.of(), Set.of(), 0)),
            Map.entry("su", new Spec(Set.of("-", "-l", "--login", "-m", "-p", "--preserve-environment", "-P", "--pty",
                    "-f", "--fast"), Set.of("-s", "--shell", "-g", "--group", "-G", "--supp-group", "-w",
                    "--whitelist-environment"), 0, Set.of("-c", "--command", "--session-command"), Set.of(),
                    Set.of(), false, Set.of())),
            Map.entry("runuser", new Spec(Set.of("-", "-l", "--login", "-m", "-p", "--preserve-environment", "-P",
                    "--pty", "-f", "--fast"), Set.of("-s", "--shell", "-g", "--group", "-G", "--supp-group", "-u",
                    "--user", "-w", "--whitelist-environment"), 0, Set.of("-c", "--command", "--session-command"),
                    Set.of(), Set.of(), false, Set.of())),
            Map.entry("sg", new Spec(Set.of("-"), Set.of(), 1, Set.of("-c"), Set.of(), Set.of(), false, Set.of())),
            Map.entry("script", new Spec(Set.of("-a", "-e", "-f", "-q", "--append", "--return", "--flush",
                    "--quiet"), Set.of("-E", "-I", "-O", "-B", "-T", "-m", "--echo", "--log-in", "--log-out",
                    "--log-io", "--log-timing", "--logging-format", "--output-limit"), 0, Set.of("-c", "--command"),
                    Set.of(), Set.of(), false, Set.of())),
            Map.entry("ssh", new Spec(Set.of("-4", "-6", "-A", "-a", "-C", "-f", "-G", "-g", "-K", "-k", "-M", "-N",
                    "-n", "-q", "-s", "-T", "-t", "-V", "-v", "-X", "-x", "-Y", "-y"), Set.of("-B", "-b", "-c", "-D",
                    "-E", "-e", "-F", "-I", "-i", "-J", "-L", "-l", "-m", "-O", "-o", "-p", "-P", "-Q", "-R", "-S", "-W",
                    "-w"), 0)),
            Map.entry("watch", new Spec(Set.of("-b", "-c", "-d", "-e", "-g", "-t", "-x", "-p", "-r", "--beep",
                    "--color", "--differences", "--errexit", "--chgexit", "--no-title", "--exec", "--precise",
                    "--no-wrap"), Set.of("-n", "--interval", "-q", "--equexit"), 0)));

    private Wrappers() {}

    static boolean wraps(String name) {
        return SPECS.containsKey(name) || name.equals("parallel");
    }

    static Run unwrap(String name, List<Arg> args) {
        if (name.equals("parallel")) return new Run.Unreadable("GNU parallel builds its commands as it runs");
        Spec spec = SPECS.get(name);
        List<Arg> assignments = new ArrayList<>();
        Optional<Arg> cwd = Optional.empty();
        boolean shell = false;
        boolean exec = false;
        int i = 0;
        for (; i < args.size(); i++) {
            Arg a = args.get(i);
            if (!a.known()) return new Run.Unreadable(name + " with an argument not known until it runs (" + a.shown() + ")");
            String t = a.text();
            Arg next = i + 1 < args.size() ? args.get(i + 1) : Arg.literal("");
            if (t.equals("--")) {
                i++;
                break;
            }
            if (spec.assignments && t.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
                assignments.add(a);
                continue;
            }
            if (!t.startsWith("-") || t.equals("-") && !spec.flags.contains("-")) break;
            if (name.equals("nice") && t.matches("-[-+]?\\d+")) continue;
            List<String> opts = new ArrayList<>();
            Optional<Arg> value = Optional.empty();
            String whole = t.contains("=") && t.startsWith("--") ? t.substring(0, t.indexOf('=')) : t;
            if (known(spec, whole)) {
                opts.add(whole);
                if (!whole.equals(t)) value = Optional.of(Arg.literal(t.substring(whole.length() + 1)));
            } else if (!t.startsWith("--") && t.length() > 2) {
                for (int k = 1; k < t.length() && value.isEmpty(); k++) {
                    String opt = "-" + t.charAt(k);
                    if (!known(spec, opt)) return new Run.Unreadable(name + ": option " + t + " is not known");
                    opts.add(opt);
                    if (takesValue(spec, opt) && k + 1 < t.length()) value = Optional.of(Arg.literal(t.substring(k + 1)));
                }
            } else {
                return new Run.Unreadable(name + ": option " + t + " is not known");
            }
            for (String opt : opts) {
                if (spec.none.contains(opt)) return new Run.Nothing();
                shell |= spec.shell.contains(opt);
                exec |= opt.equals("-x") || opt.equals("--exec");
                if (!takesValue(spec, opt)) continue;
                if (value.isEmpty()) {
                    value = Optional.of(next);
                    i++;
                }
                if (opt.equals("-S") || opt.equals("--split-string")) return split(value.get(), args.subList(i + 1, args.size()));
                if (spec.code.contains(opt)) return new Run.Code(value.get());
                if (spec.cwd.contains(opt)) cwd = value;
            }
        }
        List<Arg> rest = args.subList(Math.min(i + spec.operands, args.size()), args.size());
        return switch (name) {
            case "watch" -> exec ? new Run.Program(List.copyOf(rest), List.of(), cwd)
                    : rest.isEmpty() ? new Run.Nothing() : joined(rest);
            case "su", "runuser" -> rest.size() <= 1 ? shell() : program(rest.subList(1, rest.size()));
            case "ssh" -> rest.size() <= 1 ? shell() : joined(rest.subList(1, rest.size()));
            case "sg" -> rest.isEmpty() ? shell() : joined(rest);
            case "script" -> shell();
            case "chroot" -> rest.isEmpty() ? shell() : new Run.Program(List.copyOf(rest), List.of(), cwd);
            default -> !shell ? new Run.Program(List.copyOf(rest), assignments, cwd)
                    : rest.isEmpty() ? shell() : joined(rest);
        };
    }

    private static boolean known(Spec spec, String opt) {
        return spec.flags.contains(opt) || takesValue(spec, opt) || spec.none.contains(opt) || spec.shell.contains(opt);
    }

    private static boolean takesValue(Spec spec, String opt) {
        return spec.values.contains(opt) || spec.code.contains(opt);
    }

    /** A shell reading its commands from standard input. */
    private static Run shell() {
        return new Run.Program(List.of(Arg.literal("sh")), List.of(), Optional.empty());
    }

    /** sh with these arguments (su USER ARGS…). */
    private static Run program(List<Arg> shellArgs) {
        List<Arg> argv = new ArrayList<>(List.of(Arg.literal("sh")));
        argv.addAll(shellArgs);
        return new Run.Program(argv, List.of(), Optional.empty());
    }

    /** env -S 'cmd args' rest…: the string is split as a shell would, the rest appended. */
    private static Run split(Arg string, List<Arg> rest) {
        Optional<String> tail = Arg.quoted(rest);
        if (!string.known() || tail.isEmpty()) return new Run.Code(Arg.unknown(string.shown(), string.tainted()));
        return new Run.Code(Arg.literal(string.text() + " " + tail.get()));
    }

    /** Arguments a wrapper hands to a shell as one line (watch, sudo -s). */
    private static Run joined(List<Arg> args) {
        if (!args.stream().allMatch(Arg::known)) return new Run.Code(Arg.unknown("…", Arg.anyTainted(args)));
        StringBuilder s = new StringBuilder();
        for (Arg a : args) s.append(s.isEmpty() ? "" : " ").append(a.text());
        return new Run.Code(new Arg(s.toString(), true, false, Arg.anyTainted(args), Optional.empty(), s.toString()));
    }
}
