package dev.kairos.policy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * git, read for every destructive push: --force and -f in any cluster, --force-with-lease, --force-if-includes,
 * +refspec, --mirror, --delete and -d, :ref, --prune (and long options abbreviated, as git accepts them); also
 * through -C, --git-dir, -c and aliases (from -c or from a {@code git config} earlier on the line), and configuration
 * that makes a plain push destructive (remote.*.mirror, a + or : remote.*.push). Configuration whose value git runs
 * as a command (core.sshCommand, core.pager, a "!" alias, …) is read as shell.
 */
final class Pushes {
    /** Reads a line of shell that git would run. */
    interface Shell {
        void read(String code, String what);
    }

    private static final Set<String> BUILTINS = Set.of("add", "am", "annotate", "apply", "archive", "bisect",
            "blame", "branch", "bugreport", "bundle", "cat-file", "check-attr", "check-ignore", "check-mailmap",
            "check-ref-format", "checkout", "checkout-index", "cherry", "cherry-pick", "citool", "clean", "clone",
            "column", "commit", "commit-graph", "commit-tree", "config", "count-objects", "credential", "describe",
            "diagnose", "diff", "diff-files", "diff-index", "diff-tree", "difftool", "fast-export", "fast-import",
            "fetch", "fetch-pack", "filter-branch", "fmt-merge-msg", "for-each-ref", "for-each-repo", "format-patch",
            "fsck", "gc", "grep", "gui", "hash-object", "help", "hook", "index-pack", "init", "instaweb",
            "interpret-trailers", "log", "ls-files", "ls-remote", "ls-tree", "mailinfo", "mailsplit", "maintenance",
            "merge", "merge-base", "merge-file", "merge-tree", "mergetool", "mktag", "mktree", "multi-pack-index",
            "mv", "name-rev", "notes", "pack-objects", "pack-refs", "patch-id", "prune", "pull", "push", "range-diff",
            "read-tree", "rebase", "reflog", "remote", "repack", "replace", "request-pull", "rerere", "reset",
            "restore", "rev-list", "rev-parse", "revert", "rm", "send-email", "send-pack", "shortlog", "show",
            "show-branch", "show-index", "show-ref", "sparse-checkout", "stage", "stash", "status", "stripspace",
            "submodule", "switch", "symbolic-ref", "tag", "unpack-objects", "update-index", "update-ref",
            "update-server-info", "var", "verify-commit", "verify-pack", "verify-tag", "version", "whatchanged",
            "worktree", "write-tree", "lfs");
    private static final Set<String> DESTRUCTIVE = Set.of("force", "force-with-lease", "force-if-includes", "mirror",
            "delete", "prune");
    private static final Set<String> PUSH_VALUES = Set.of("repo", "receive-pack", "exec", "push-option");
    private static final Set<String> GLOBAL_VALUES = Set.of("-C", "--git-dir", "--work-tree", "--namespace",
            "--super-prefix", "--attr-source", "--config-env");
    /** Configuration whose value git runs as a command. */
    private static final Pattern RUNS = Pattern.compile("core\\.(sshcommand|pager|editor|fsmonitor|askpass|gitproxy)"
            + "|sequence\\.editor|diff\\.external|diff\\..*\\.(textconv|command)|(difftool|mergetool)\\..*\\.cmd"
            + "|filter\\..*\\.(clean|smudge|process)|merge\\..*\\.driver|credential\\..*helper|credential\\.helper"
            + "|gpg(\\..*)?\\.program|pager\\..*|uploadpack\\.packobjectshook|remote\\..*\\.(uploadpack|receivepack)");
    private static final Set<String> RUNNING_ENV = Set.of("GIT_SSH_COMMAND", "GIT_SSH", "GIT_PAGER", "GIT_EDITOR",
            "GIT_SEQUENCE_EDITOR", "GIT_ASKPASS", "GIT_EXTERNAL_DIFF", "GIT_PROXY_COMMAND");
    private static final int MAX_ALIASES = 8;

    private final Findings findings;
    private final Shell shell;
    private final Map<String, String> lineAliases;

    Pushes(Findings findings, Shell shell, Map<String, String> lineAliases) {
        this.findings = findings;
        this.shell = shell;
        this.lineAliases = lineAliases;
    }

    void git(List<Arg> args, Map<String, Arg> environment) {
        for (Map.Entry<String, Arg> e : environment.entrySet()) {
            String name = e.getKey();
            if (RUNNING_ENV.contains(name)) code(e.getValue(), name);
            else if (name.startsWith("GIT_CONFIG") && !name.equals("GIT_CONFIG_NOSYSTEM") || name.equals("GIT_EXEC_PATH")) {
                findings.unreadable("git takes configuration from the environment (" + name + ")");
            }
        }
        new Call(new HashMap<>(lineAliases)).run(args, 0);
    }

    /** One git command: the aliases and configuration its -c options add. */
    private final class Call {
        private final Map<String, String> aliases;
        private String destructiveConfig;

        Call(Map<String, String> aliases) {
            this.aliases = aliases;
        }

        void run(List<Arg> args, int depth) {
            int i = 0;
            while (i < args.size()) {
                Arg a = args.get(i);
                if (!a.known()) {
                    findings.unreadable("git with an argument not known until the command runs (" + a.shown() + ")");
                    return;
                }
                String t = a.text();
                if (!t.startsWith("-")) break;
                if (t.startsWith("--exec-path=")) findings.unreadable("git runs its commands from " + t);
                if (t.equals("-c") && i + 1 < args.size()) configure(args.get(i + 1), "-c");
                if (t.startsWith("--config-env")) findings.unreadable("git takes configuration from the environment (" + t + ")");
                i += t.equals("-c") || GLOBAL_VALUES.contains(t) ? 2 : 1;
            }
            if (i >= args.size()) return;
            String sub = args.get(i).text();
            List<Arg> rest = args.subList(i + 1, args.size());
            if (BUILTINS.contains(sub)) {
                builtin(sub, rest);
            } else if (aliases.containsKey(sub.toLowerCase()) && depth < MAX_ALIASES) {
                alias(aliases.get(sub.toLowerCase()), rest, depth);
            } else {
                findings.unreadable("git " + sub + " is not a git command Kairos knows; it may be an alias");
            }
        }

        private void builtin(String sub, List<Arg> rest) {
            switch (sub) {
                case "push", "send-pack" -> push(rest);
                case "config" -> config(rest);
                case "remote" -> {
                    if (rest.size() > 1 && rest.getFirst().is("add")
                            && rest.stream().anyMatch(r -> r.is("--mirror") || r.is("--mirror=push"))) {
                        findings.deny("force push (git remote add --mirror)");
                    }
                }
                case "submodule" -> afterWord(rest, "foreach");
                case "bisect" -> afterWord(rest, "run");
                case "rebase" -> {
                    for (int j = 0; j < rest.size(); j++) {
                        if ((rest.get(j).is("-x") || rest.get(j).is("--exec")) && j + 1 < rest.size()) {
                            code(rest.get(j + 1), "git rebase --exec");
                        } else if (rest.get(j).known() && rest.get(j).text().startsWith("--exec=")) {
                            code(Arg.literal(rest.get(j).text().substring(7)), "git rebase --exec");
                        }
                    }
                }
                default -> { }
            }
        }

        /** git submodule foreach CMD…, git bisect run CMD…: the rest is a command. */
        private void afterWord(List<Arg> rest, String word) {
            for (int j = 0; j < rest.size(); j++) {
                if (!rest.get(j).is(word)) continue;
                List<Arg> command = rest.subList(j + 1, rest.size()).stream()
                        .dropWhile(r -> r.known() && r.text().startsWith("--")).toList();
                Optional<String> line = word.equals("run") ? Arg.quoted(command)
                        : command.stream().allMatch(Arg::known)
                                ? Optional.of(String.join(" ", command.stream().map(Arg::text).toList()))
                                : Optional.empty();
                if (line.isEmpty()) findings.unreadable("git " + word + " runs a command not known until it runs");
                else shell.read(line.get(), "git " + word);
                return;
            }
        }

        private void alias(String value, List<Arg> rest, int depth) {
            if (value.startsWith("!")) {
                Optional<String> tail = Arg.quoted(rest);
                if (tail.isEmpty()) findings.unreadable("a git alias runs arguments not known until the command runs");
                else shell.read(value.substring(1) + " " + tail.get(), "a git alias");
                return;
            }
            Optional<List<String>> words = split(value);
            if (words.isEmpty()) {
                findings.unreadable("a git alias that cannot be read (" + value + ")");
                return;
            }
            List<Arg> expanded = new ArrayList<>(words.get().stream().map(Arg::literal).toList());
            expanded.addAll(rest);
            run(expanded, depth + 1);
        }

        private void push(List<Arg> args) {
            if (destructiveConfig != null) findings.deny("force push (git " + destructiveConfig + " push)");
            boolean positional = false;
            for (int j = 0; j < args.size(); j++) {
                Arg a = args.get(j);
                String t = a.text();
                if (!a.known()) {
                    findings.unreadable("git push with an argument not known until the command runs (" + a.shown() + ")");
                } else if (!positional && t.equals("--")) {
                    positional = true;
                } else if (!positional && t.startsWith("--")) {
                    String name = t.substring(2).split("=", 2)[0];
                    if (name.startsWith("no-")) continue;
                    if (PUSH_VALUES.contains(name) && !t.contains("=")) j++;
                    else if (!name.isEmpty() && DESTRUCTIVE.stream().anyMatch(d -> d.startsWith(name))) forced(t);
                } else if (!positional && t.startsWith("-") && t.length() > 1) {
                    for (int k = 1; k < t.length(); k++) {
                        char c = t.charAt(k);
                        if (c == 'f' || c == 'd') forced(t);
                        if (c == 'o') {
                            if (k == t.length() - 1) j++;
                            break;
                        }
                    }
                } else if (t.startsWith("+") || t.startsWith(":") && t.length() > 1) {
                    forced(t);
                }
            }
        }

        private void forced(String arg) {
            findings.deny("force push (git push " + arg + ")");
        }

        /** git config [options] [set] KEY VALUE: what a later push, alias or git command would make of it. */
        private void config(List<Arg> args) {
            List<Arg> positional = new ArrayList<>();
            for (int j = 0; j < args.size(); j++) {
                Arg a = args.get(j);
                if (!a.known()) {
                    positional.add(a);
                } else if (Set.of("--file", "-f", "--blob", "--type", "--default", "--comment").contains(a.text())) {
                    j++;
                } else if (a.text().startsWith("--get") || a.text().startsWith("--unset") || a.is("-l")
                        || a.is("--list") || a.is("-e") || a.is("--edit") || a.text().startsWith("--remove")
                        || a.text().startsWith("--rename")) {
                    return;
                } else if (!a.text().startsWith("-")) {
                    positional.add(a);
                }
            }
            if (!positional.isEmpty() && positional.getFirst().is("set")) positional.removeFirst();
            if (positional.size() < 2) return;
            Arg key = positional.get(0);
            Arg value = positional.get(1);
            if (!key.known()) {
                findings.unreadable("git config of a key not known until the command runs (" + key.shown() + ")");
                return;
            }
            String k = key.text().toLowerCase();
            if (!value.known() && (k.startsWith("alias.") || RUNS.matcher(k).matches() || k.startsWith("remote."))) {
                findings.unreadable("git config " + key.text() + " to a value not known until the command runs");
                return;
            }
            configure(Arg.literal(key.text() + "=" + value.text()), "config");
            if (k.startsWith("alias.")) {
                lineAliases.put(k.substring(6), value.text());
                new Call(new HashMap<>(aliases)).alias(value.text(), List.of(), 0);
            }
            if (destructiveConfig != null) findings.deny("force push (git config " + key.text() + " " + value.text() + ")");
        }

        /** One key=value of -c or git config. */
        private void configure(Arg setting, String how) {
            String s = setting.text();
            if (!setting.known()) {
                String key = s.contains("=") ? s.substring(0, s.indexOf('=')).toLowerCase() : "";
                boolean harmless = key.matches("[a-z0-9.-]+") && !key.startsWith("alias.") && !key.startsWith("remote.")
                        && !key.startsWith("include") && !RUNS.matcher(key).matches();
                if (!harmless) {
                    findings.unreadable("git " + how + " with a value not known until the command runs (" + s + ")");
                }
                return;
            }
            int eq = s.indexOf('=');
            String key = (eq < 0 ? s : s.substring(0, eq)).toLowerCase();
            String value = eq < 0 ? "true" : s.substring(eq + 1);
            if (key.startsWith("alias.")) {
                aliases.put(key.substring(6), value);
            } else if (key.matches("remote\\..*\\.mirror") && value.matches("(?i)true|yes|on|1")
                    || key.matches("remote\\..*\\.push") && (value.startsWith("+") || value.startsWith(":"))) {
                destructiveConfig = how.equals("-c") ? "-c " + s : s;
            } else if (RUNS.matcher(key).matches()) {
                shell.read(key.startsWith("credential") && !value.startsWith("!") ? "true" : value.replaceFirst("^!", ""),
                        "git " + key);
            } else if (key.startsWith("include") || key.equals("core.hookspath") && how.equals("-c")) {
                findings.unreadable("git " + how + " " + key + " reads configuration or hooks from elsewhere");
            }
        }
    }

    private void code(Arg value, String what) {
        if (value.known()) shell.read(value.text(), what);
        else findings.unreadable(what + " is not known until the command runs");
    }

    /** An alias's words, split as git does (quotes and backslashes), when it holds no expansion. */
    private static Optional<List<String>> split(String value) {
        ShellParser.Parsed p = ShellParser.parse(value, 1);
        if (p.error().isPresent() || p.script().pipelines().size() != 1
                || p.script().pipelines().getFirst().stages().size() != 1
                || !(p.script().pipelines().getFirst().stages().getFirst() instanceof ShellScript.Simple s)
                || !s.redirects().isEmpty() || !s.assignments().isEmpty()) {
            return Optional.empty();
        }
        List<String> words = new ArrayList<>();
        for (Word w : s.words()) {
            StringBuilder text = new StringBuilder();
            for (Word.Part part : w.parts()) {
                if (!(part instanceof Word.Text t)) return Optional.empty();
                text.append(t.text());
            }
            words.add(text.toString());
        }
        return Optional.of(words);
    }
}
