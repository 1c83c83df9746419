package dev.kairos.policy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the shell knows at one point of the line: its folder, the variables the line has set (the environment's
 * others are unknown, but HOME), the positional arguments of a {@code sh -c} and the aliases defined. A subshell,
 * a pipe stage and a substitution get a copy.
 */
final class Scope {
    private Optional<String> cwd;
    private final Map<String, Arg> variables;
    private Optional<List<Arg>> positional;
    private final Map<String, String> aliases;
    private boolean splitsOddly;

    private Scope(Optional<String> cwd, Map<String, Arg> variables, Optional<List<Arg>> positional,
            Map<String, String> aliases, boolean splitsOddly) {
        this.cwd = cwd;
        this.variables = variables;
        this.positional = positional;
        this.aliases = aliases;
        this.splitsOddly = splitsOddly;
    }

    static Scope start(Optional<String> cwd, String home) {
        Map<String, Arg> variables = new HashMap<>();
        variables.put("HOME", Arg.literal(home));
        return new Scope(cwd, variables, Optional.empty(), new HashMap<>(), false);
    }

    Scope copy() {
        return new Scope(cwd, new HashMap<>(variables), positional, new HashMap<>(aliases), splitsOddly);
    }

    Optional<String> cwd() {
        return cwd;
    }

    void cd(Optional<String> folder) {
        cwd = folder;
    }

    Arg variable(String name) {
        if (name.chars().allMatch(Character::isDigit) && !name.equals("0")) {
            int n = Integer.parseInt(name);
            return positional.map(p -> n <= p.size() ? p.get(n - 1) : Arg.literal(""))
                    .orElse(Arg.unknown("$" + name, false));
        }
        if (name.equals("@") || name.equals("*")) {
            return positional.filter(p -> p.stream().allMatch(Arg::known))
                    .map(p -> Arg.literal(p.stream().map(Arg::text).collect(Collectors.joining(" "))))
                    .orElse(Arg.unknown("$" + name, positional.map(Arg::anyTainted).orElse(false)));
        }
        Arg v = variables.get(name);
        if (v != null) return v;
        if (name.equals("PWD")) return cwd.map(Arg::literal).orElse(Arg.unknown("$PWD", false));
        return Arg.unknown("$" + name, false);
    }

    Optional<List<Arg>> positional() {
        return positional;
    }

    void positional(Optional<List<Arg>> args) {
        positional = args;
    }

    void set(String name, Arg value) {
        variables.put(name, value);
        if (name.equals("IFS")) splitsOddly = true;
    }

    /** Variables the line itself has set (for git, which reads GIT_* from its environment). */
    Map<String, Arg> assigned() {
        return Map.copyOf(variables);
    }

    /** IFS was changed: unquoted expansions split in ways the reading does not follow. */
    boolean splitsOddly() {
        return splitsOddly;
    }

    Map<String, String> aliases() {
        return aliases;
    }
}
