package dev.kairos.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Commands no rule can allow: piping a download into a shell, a recursive rm of a home or of the root, a force
 * push. A best effort on the text of the command (quotes removed, {@code bash -c} and {@code eval} looked into);
 * the sandbox, not this, is what stops a command that hides itself.
 */
final class ForbiddenCommands {
    private static final String FETCH = "\\b(?:curl|wget|fetch|aria2c|lynx|ncat|nc)\\b";
    private static final String SHELL = "(?:/\\S*/)?(?:ba|da|z|k|c|tc|fi|mk|a)?sh\\b";
    private static final List<Pattern> PIPED_INTO_SHELL = List.of(
            // curl … | sh, | sudo -E bash, | env X=1 sh, | /bin/bash
            Pattern.compile(FETCH + ".*?(?<!\\|)\\|&?(?!\\|)\\s*(?:sudo(?:\\s+-\\S+)*\\s+)?(?:env(?:\\s+\\S+=\\S*)*\\s+)?"
                    + SHELL, Pattern.DOTALL),
            // bash <(curl …), source <(curl …), . <(curl …)
            Pattern.compile("(?:" + SHELL + "|\\bsource|(?:^|[\\s;&|])\\.)\\s+<\\(\\s*" + FETCH),
            // bash -c "$(curl …)", eval "$(curl …)", with $( or backticks
            Pattern.compile("(?:" + SHELL + "\\s+-c|\\beval)\\s+[\"']?(?:\\$\\(|`)\\s*" + FETCH));
    private static final Set<String> PREFIXES = Set.of("sudo", "doas", "env", "command", "exec", "nohup", "time",
            "nice", "ionice", "builtin", "xargs", "{", "!");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "fish", "ash");
    private static final Pattern OTHER_HOME = Pattern.compile("~[A-Za-z0-9_.-]+|/home/[^/]+|/Users/[^/]+");

    private final String home;

    ForbiddenCommands(String home) {
        this.home = stripTail(home);
    }

    /** Why the command is always denied, or empty. */
    Optional<String> check(String command) {
        for (Pattern p : PIPED_INTO_SHELL) {
            if (p.matcher(command).find()) return Optional.of("piping a download into a shell (" + brief(command) + ")");
        }
        for (List<String> words : simpleCommands(command)) {
            Optional<String> why = check(words);
            if (why.isPresent()) return why;
        }
        return Optional.empty();
    }

    private Optional<String> check(List<String> words) {
        int i = 0;
        while (i < words.size() && (PREFIXES.contains(words.get(i)) || words.get(i).contains("=")
                || i > 0 && words.get(i).startsWith("-") && PREFIXES.contains(words.get(i - 1)))) {
            i++;
        }
        if (i >= words.size()) return Optional.empty();
        String program = basename(words.get(i));
        List<String> args = words.subList(i + 1, words.size());
        if (SHELLS.contains(program) || program.equals("eval")) {
            // bash -c 'rm -rf ~' and eval "git push -f": look inside
            int c = program.equals("eval") ? -1 : args.indexOf("-c");
            String inner = program.equals("eval") ? String.join(" ", args)
                    : c >= 0 && c + 1 < args.size() ? args.get(c + 1) : null;
            return inner == null ? Optional.empty() : check(inner);
        }
        if (program.equals("rm")) return rm(args);
        if (program.equals("git")) return gitPush(args);
        return Optional.empty();
    }

    private Optional<String> rm(List<String> args) {
        boolean recursive = false;
        boolean options = true;
        List<String> targets = new ArrayList<>();
        for (String a : args) {
            if (options && a.equals("--")) options = false;
            else if (options && a.equals("--no-preserve-root")) return Optional.of("rm --no-preserve-root");
            else if (options && (a.equals("--recursive"))) recursive = true;
            else if (options && a.startsWith("-") && !a.startsWith("--") && (a.contains("r") || a.contains("R"))) {
                recursive = true;
            } else if (!(options && a.startsWith("-"))) targets.add(a);
        }
        if (!recursive) return Optional.empty();
        for (String t : targets) {
            String s = stripTail(t.replace("${HOME}", "~").replace("$HOME", "~"));
            if (s.isEmpty()) return Optional.of("rm -rf of the root (rm -rf " + t + ")");
            if (s.equals("~") || s.equals(home) || s.equals("/home") || s.equals("/root") || s.equals("/Users")
                    || OTHER_HOME.matcher(s).matches()) {
                return Optional.of("rm -rf of a home folder (rm -rf " + t + ")");
            }
        }
        return Optional.empty();
    }

    private static Optional<String> gitPush(List<String> args) {
        int i = 0;
        while (i < args.size() && args.get(i).startsWith("-")) {
            String a = args.get(i);
            i += a.equals("-C") || a.equals("-c") || a.equals("--git-dir") || a.equals("--work-tree") ? 2 : 1;
        }
        if (i >= args.size() || !args.get(i).equals("push")) return Optional.empty();
        for (String a : args.subList(i + 1, args.size())) {
            boolean force = a.equals("--force") || a.startsWith("--force-with-lease") || a.equals("--force-if-includes")
                    || a.matches("-[A-Za-z]*f[A-Za-z]*") || a.startsWith("+") && a.length() > 1;
            if (force) return Optional.of("force push (git push " + a + ")");
        }
        return Optional.empty();
    }

    /** The command split into simple commands, each into words with quotes removed. */
    static List<List<String>> simpleCommands(String command) {
        List<List<String>> out = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) quote = 0;
                else if (c == '\\' && quote == '"' && i + 1 < command.length()) word.append(command.charAt(++i));
                else word.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
                if (word == null) word = new StringBuilder();
            } else if (c == '\\' && i + 1 < command.length()) {
                if (word == null) word = new StringBuilder();
                word.append(command.charAt(++i));
            } else if (Character.isWhitespace(c) && c != '\n') {
                if (word != null) words.add(word.toString());
                word = null;
            } else if (";&|()`\n".indexOf(c) >= 0) {
                if (word != null) words.add(word.toString());
                word = null;
                if (!words.isEmpty()) out.add(words);
                words = new ArrayList<>();
            } else {
                if (word == null) word = new StringBuilder();
                word.append(c);
            }
        }
        if (word != null) words.add(word.toString());
        if (!words.isEmpty()) out.add(words);
        return out;
    }

    /** "/", "/*", "~/", "$HOME/." all come down to the folder they name ("" for the root). */
    private static String stripTail(String path) {
        String s = path.strip();
        String before;
        do {
            before = s;
            if (s.endsWith("/*")) s = s.substring(0, s.length() - 2);
            else if (s.endsWith("/.")) s = s.substring(0, s.length() - 2);
            else if (s.endsWith("/")) s = s.substring(0, s.length() - 1);
        } while (!s.equals(before));
        return s;
    }

    private static String basename(String program) {
        int slash = program.lastIndexOf('/');
        return slash >= 0 ? program.substring(slash + 1) : program;
    }

    private static String brief(String command) {
        String c = Glob.normalise(command);
        return c.length() <= 80 ? c : c.substring(0, 77) + "…";
    }
}
