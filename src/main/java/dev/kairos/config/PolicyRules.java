package dev.kairos.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code policy} section of kairos.yaml: allow / ask / deny per tool and per pattern of its argument, and how
 * long an approval waits for the user. The built-in defaults and the always-denied calls live in the policy; these
 * rules come before the defaults and can never loosen what is always denied.
 */
public record PolicyRules(List<Rule> rules, Duration approvalTtl) {

    /** The tool names a rule may give (besides "*"): the contract names of the tools. */
    public static final List<String> TOOLS = List.of("read_file", "list_files", "search_files", "write_file",
            "edit_file", "run_command", "git", "remember", "memory_search", "memory_get", "schedule", "notify_user",
            "reply", "message_user");

    public static final Duration DEFAULT_APPROVAL_TTL = Duration.ofHours(24);

    public enum Action { ALLOW, ASK, DENY }

    /**
     * One rule. {@code match} is a glob on the command ({@code run_command}), the path (file tools) or the action
     * ({@code git}); empty matches every call of the tool. {@code network}: a matching command may use the network.
     * {@code origin} names the rule in messages, e.g. "policy.rules.0".
     */
    public record Rule(String tool, Optional<String> match, Action decision, boolean network, String origin) {}

    public PolicyRules {
        rules = List.copyOf(rules);
    }

    public static PolicyRules defaults() {
        return new PolicyRules(List.of(), DEFAULT_APPROVAL_TTL);
    }

    static PolicyRules read(Section policy) {
        List<Section> sections = policy.sections("rules");
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < sections.size(); i++) {
            Section r = sections.get(i);
            String tool = r.string("tool", null);
            Optional<String> match = Optional.ofNullable(r.string("match", null)).map(String::strip);
            String d = r.string("decision", null);
            boolean network = r.bool("network", false);
            r.finish(); // a misspelt key first: "desicion" should say "did you mean", not "needs a decision"
            if (tool == null || tool.isBlank()) throw r.error("tool", "every rule needs a tool (one of "
                    + String.join(", ", TOOLS) + ", or \"*\")");
            tool = tool.strip();
            if (!tool.equals("*") && !TOOLS.contains(tool)) {
                String t = tool;
                String hint = TOOLS.stream().filter(k -> Levenshtein.distance(k, t) <= 3)
                        .min(Comparator.comparingInt(k -> Levenshtein.distance(k, t)))
                        .map(k -> "did you mean '" + k + "'? ").orElse("");
                throw r.error("tool", "no tool named '" + tool + "'; " + hint + "use one of " + String.join(", ", TOOLS)
                        + ", or \"*\"");
            }
            if (match.isPresent() && match.get().isEmpty()) throw r.error("match", "is empty; leave it out to match "
                    + "every call of the tool");
            if (d == null) throw r.error("decision", "every rule needs a decision: allow, ask or deny");
            Action decision = switch (d.strip().toLowerCase(Locale.ROOT)) {
                case "allow" -> Action.ALLOW;
                case "ask" -> Action.ASK;
                case "deny" -> Action.DENY;
                default -> throw r.error("decision", "'" + d + "' is not a decision; use allow, ask or deny");
            };
            if (network && !tool.equals("run_command")) {
                throw r.error("network", "only a run_command rule can allow the network");
            }
            rules.add(new Rule(tool, match, decision, network, "policy.rules." + i));
        }
        Duration ttl = policy.duration("approvalTtl", DEFAULT_APPROVAL_TTL, Duration.ofMinutes(1));
        policy.finish();
        return new PolicyRules(rules, ttl);
    }
}
