package dev.kairos.policy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.config.PolicyRules;
import dev.kairos.event.Trust;
import dev.kairos.tool.ProtectedPaths;
import dev.kairos.tool.RealPaths;
import dev.kairos.tool.Risk;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Allow, ask or deny for each tool call, in this order: what is always denied (no rule can loosen it: among it,
 * writes to Kairos's control files and to git metadata); the rules of kairos.yaml (among those that match, deny beats
 * ask beats allow); the defaults; what always asks instead of being allowed (AGENTS.md and HEARTBEAT.md, and every
 * command when no sandbox confines it); and taint, which turns an untrusted task's commands, network use, messages
 * and writes outside its worktree into at least "ask".
 */
public final class Policy {
    /** Tools that work on the task's folder when they name no path. */
    private static final Set<String> FOLDER_TOOLS = Set.of("list_files", "search_files", "run_command", "git");

    private final List<CompiledRule> rules;
    private final ForbiddenCommands forbidden;

    public Policy(PolicyRules rules) {
        this(rules, System.getProperty("user.home"));
    }

    Policy(PolicyRules rules, String home) {
        this.rules = rules.rules().stream().map(CompiledRule::new).toList();
        this.forbidden = new ForbiddenCommands(home);
    }

    public Verdict decide(ToolCallRequest call, PolicyContext ctx) {
        List<Path> paths;
        try {
            paths = paths(call, ctx);
        } catch (IllegalArgumentException e) {
            return Verdict.deny(call.tool() + ": " + e.getMessage());
        }
        Optional<Verdict> always = alwaysDenied(call, ctx, paths);
        if (always.isPresent()) return always.get();
        Verdict v = byRules(call, ctx, paths).orElseGet(() -> byDefault(call, ctx, paths));
        return tainted(call, ctx, paths, alwaysAsked(call, ctx, paths, unreadable(call, paths, v)));
    }

    private Optional<Verdict> alwaysDenied(ToolCallRequest call, PolicyContext ctx, List<Path> paths) {
        if (call.tool().equals("run_command") && reading(call, paths) instanceof Reading.Deny d) {
            return Optional.of(Verdict.deny(d.reason()));
        }
        if (call.risk() == Risk.WRITE) {
            List<Path> allowed = writeRoots(ctx);
            for (Path p : paths) {
                if (!RealPaths.isUnderAny(p, allowed)) {
                    return Optional.of(Verdict.deny("writes outside the workspace and watched repositories (" + p + ")"));
                }
                Optional<String> why = ProtectedPaths.neverWritten(p, ctx.workspace());
                if (why.isPresent()) return Optional.of(Verdict.deny(why.get()));
            }
        }
        return Optional.empty();
    }

    /** A command the floor cannot read fully is never allowed unasked, whatever allowed it. */
    private Verdict unreadable(ToolCallRequest call, List<Path> paths, Verdict v) {
        if (!call.tool().equals("run_command") || v.decision() != Decision.ALLOW) return v;
        if (!(reading(call, paths) instanceof Reading.Unreadable u)) return v;
        return Verdict.ask("the command cannot be read fully (" + u.reason() + ")").withNetwork(v.network());
    }

    private Reading reading(ToolCallRequest call, List<Path> paths) {
        Optional<String> cwd = paths.isEmpty() ? Optional.empty() : Optional.of(paths.getFirst().toString());
        return forbidden.read(call.input().path("command").asText(""), cwd);
    }

    private Optional<Verdict> byRules(ToolCallRequest call, PolicyContext ctx, List<Path> paths) {
        CompiledRule strongest = null;
        boolean network = false;
        for (CompiledRule r : rules) {
            if (!r.matches(call, ctx, paths)) continue;
            network |= r.rule.network();
            if (strongest == null || r.rule.decision().ordinal() > strongest.rule.decision().ordinal()) strongest = r;
        }
        if (strongest == null) return Optional.empty();
        String why = strongest.describe();
        Verdict v = switch (strongest.rule.decision()) {
            case ALLOW -> Verdict.allow(why);
            case ASK -> Verdict.ask(why);
            case DENY -> Verdict.deny(why);
        };
        return Optional.of(v.withNetwork(network && v.decision() != Decision.DENY));
    }

    private static Verdict byDefault(ToolCallRequest call, PolicyContext ctx, List<Path> paths) {
        return switch (call.risk()) {
            case READ -> Verdict.allow("reads are allowed");
            case WRITE -> paths.isEmpty() ? Verdict.allow(call.tool() + " writes inside the workspace")
                    : Verdict.allow("writes inside the workspace and watched repositories (" + paths.getFirst() + ")");
            case EXEC -> {
                String command = Glob.normalise(call.input().path("command").asText(""));
                boolean configured = ctx.allowedCommands().stream().map(Glob::normalise).anyMatch(command::equals);
                yield configured ? Verdict.allow("a configured test or build command (" + command + ")")
                        : Verdict.ask(call.tool() + " outside the configured test and build commands (" + command + ")");
            }
            case NETWORK -> Verdict.ask(call.tool() + " reaches the network");
            case SEND -> Verdict.allow(call.tool() + " talks to the user or the session's channel");
        };
    }

    /** What no rule can allow outright: writing AGENTS.md or HEARTBEAT.md, and a command nothing confines. */
    private static Verdict alwaysAsked(ToolCallRequest call, PolicyContext ctx, List<Path> paths, Verdict v) {
        if (v.decision() != Decision.ALLOW) return v;
        if (call.risk() == Risk.WRITE) {
            for (Path p : paths) {
                Optional<String> why = ProtectedPaths.needsApproval(p, ctx.workspace());
                if (why.isPresent()) return Verdict.ask(why.get());
            }
        }
        if (call.risk() == Risk.EXEC && !ctx.sandboxed()) {
            String allowed = v.reason().substring(v.reason().indexOf(':') + 1).strip();
            return Verdict.ask("no sandbox confines commands here (install bubblewrap), so even this one waits for "
                    + "the user (otherwise " + allowed + ")").withNetwork(v.network());
        }
        return v;
    }

    private static Verdict tainted(ToolCallRequest call, PolicyContext ctx, List<Path> paths, Verdict v) {
        if (ctx.trust() != Trust.UNTRUSTED || v.decision() != Decision.ALLOW) return v;
        String what = switch (call.risk()) {
            case READ -> null;
            case EXEC -> "runs a command";
            case NETWORK -> "reaches the network";
            case SEND -> "sends a message";
            case WRITE -> {
                if (paths.isEmpty()) yield "writes outside its worktree (" + call.tool() + ")";
                Optional<Path> outside = paths.stream()
                        .filter(p -> ctx.worktree().map(w -> !RealPaths.isUnder(p, w)).orElse(true)).findFirst();
                yield outside.map(p -> "writes outside its worktree (" + p + ")").orElse(null);
            }
        };
        if (what == null) return v;
        return Verdict.ask("the task comes from an untrusted event and " + call.tool() + " " + what)
                .withNetwork(v.network());
    }

    /** The paths a call touches, real and absolute; none for tools without a path (remember, reply). */
    private static List<Path> paths(ToolCallRequest call, PolicyContext ctx) {
        List<Path> out = new ArrayList<>();
        JsonNode in = call.input();
        for (String field : List.of("path", "cwd")) {
            if (in.path(field).isTextual()) out.add(RealPaths.resolve(ctx.root(), in.get(field).asText()));
        }
        for (JsonNode p : in.path("paths")) out.add(RealPaths.resolve(ctx.root(), p.asText()));
        if (out.isEmpty() && FOLDER_TOOLS.contains(call.tool())) out.add(RealPaths.real(ctx.root()));
        return out;
    }

    private static List<Path> writeRoots(PolicyContext ctx) {
        List<Path> roots = new ArrayList<>(ctx.watchedRoots());
        roots.add(ctx.workspace());
        ctx.worktree().ifPresent(roots::add);
        return roots;
    }

    /** A rule of kairos.yaml with its glob compiled for the kind of argument its tool has. */
    private static final class CompiledRule {
        final PolicyRules.Rule rule;
        final Optional<Pattern> command;
        final Optional<Pattern> path;
        final Optional<Pattern> text;

        CompiledRule(PolicyRules.Rule rule) {
            this.rule = rule;
            this.command = rule.match().map(Glob::command);
            this.path = rule.match().map(Glob::path);
            this.text = rule.match().map(Glob::text);
        }

        boolean matches(ToolCallRequest call, PolicyContext ctx, List<Path> paths) {
            if (!rule.tool().equals("*") && !rule.tool().equals(call.tool())) return false;
            if (rule.match().isEmpty()) return true;
            JsonNode in = call.input();
            return switch (call.tool()) {
                case "run_command" -> command.get().matcher(Glob.normalise(in.path("command").asText(""))).matches();
                case "git" -> text.get().matcher(in.path("action").asText("")).matches();
                default -> paths.isEmpty() ? text.get().matcher(in.path("text").asText("")).matches()
                        : paths.stream().anyMatch(p -> pathMatches(p, ctx));
            };
        }

        private boolean pathMatches(Path p, PolicyContext ctx) {
            if (path.get().matcher(p.toString()).matches()) return true;
            Path root = RealPaths.real(ctx.root());
            return p.startsWith(root) && path.get().matcher(root.relativize(p).toString()).matches();
        }

        String describe() {
            return rule.origin() + " in kairos.yaml (" + rule.tool() + rule.match().map(m -> " \"" + m + "\"").orElse("")
                    + " → " + rule.decision().name().toLowerCase() + ")";
        }
    }
}
