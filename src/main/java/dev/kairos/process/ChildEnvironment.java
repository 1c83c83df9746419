package dev.kairos.process;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The one rule for what a child process inherits: everything but secrets and Kairos's own settings, and nothing
 * that steers git from outside; no terminal to prompt on.
 */
final class ChildEnvironment {
    /**
     * Never passed on: credentials by their usual names (a prompt-injected command must not print them), agent
     * sockets, Kairos's own settings, and every {@code GIT_*} variable (GIT_DIR, GIT_CONFIG_*, GIT_SSH_COMMAND,
     * GIT_EXTERNAL_DIFF, GIT_ASKPASS... would make git act on another repository or run another program).
     */
    static final Pattern HIDDEN = Pattern.compile("(?i).*(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIAL|COOKIE|SESSION).*"
            + "|SSH_AUTH_SOCK|GPG_AGENT_INFO|SSH_ASKPASS.*|KAIROS_.*|GIT_.*");

    private ChildEnvironment() {}

    static boolean hidden(String name) {
        return HIDDEN.matcher(name).matches();
    }

    /** The environment of a child: {@code parent} scrubbed, the fixed settings, then the command's own. */
    static Map<String, String> of(Map<String, String> parent, Map<String, String> own) {
        Map<String, String> env = new TreeMap<>();
        parent.forEach((name, value) -> {
            if (!hidden(name)) env.put(name, value);
        });
        env.put("TERM", "dumb");
        env.put("GIT_TERMINAL_PROMPT", "0");
        env.putAll(own);
        return env;
    }
}
