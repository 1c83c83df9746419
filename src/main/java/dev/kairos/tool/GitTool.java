package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.process.Git;
import dev.kairos.process.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code git {action, …}}: status, diff, log, branch, commit and worktree-add in the task's folder, through the
 * hardened {@code git} command ({@link Git}: nothing the repository's configuration names runs). Proactive work
 * makes a worktree and works there, so the user's working copy is never touched. There is no push: publishing goes
 * through the outbox.
 */
final class GitTool implements Tool {
    static final List<String> ACTIONS = List.of("status", "diff", "log", "branch", "commit", "worktree-add");
    private static final ObjectNode SCHEMA = Schema.object()
            .oneOf("action", ACTIONS, true)
            .string("path", "diff: only this; worktree-add: its folder", false)
            .bool("staged", "diff: staged changes", false)
            .integer("max", "log: commit count", false)
            .string("name", "branch: create it (omit to list); worktree-add: its new branch", false)
            .string("base", "worktree-add: start point", false)
            .string("message", "commit", false)
            .strings("paths", "commit: what to stage (omit: all)", false).build();

    private final Git git;

    GitTool(Git git) {
        this.git = git;
    }

    @Override
    public String name() {
        return "git";
    }

    @Override
    public String description() {
        return "Git in the task's folder.";
    }

    @Override
    public ObjectNode inputSchema() {
        return SCHEMA.deepCopy();
    }

    @Override
    public Risk risk() {
        return Risk.WRITE;
    }

    @Override
    public Risk riskOf(ObjectNode input) {
        String action = input.path("action").asText();
        boolean reads = switch (action) {
            case "status", "diff", "log" -> true;
            case "branch" -> !input.hasNonNull("name");
            default -> false;
        };
        return reads ? Risk.READ : Risk.WRITE;
    }

    @Override
    public ToolResult call(ObjectNode input, ToolContext ctx) {
        Path dir = RealPaths.real(ctx.root());
        String action = Schema.text(input, "action");
        return switch (action) {
            case "status" -> git(ctx, dir, "status", "--short", "--branch");
            case "diff" -> {
                List<String> args = new ArrayList<>(List.of("diff"));
                if (Schema.bool(input, "staged")) args.add("--staged");
                Schema.optionalText(input, "path").ifPresent(p -> args.addAll(List.of("--", p)));
                ToolResult r = git(ctx, dir, args.toArray(String[]::new));
                yield r.content().isBlank() ? ToolResult.ok("no differences") : r;
            }
            case "log" -> git(ctx, dir, "log", "--oneline", "--decorate", "-n",
                    String.valueOf(Schema.integer(input, "max", 20, 1, 200)));
            case "branch" -> Schema.optionalText(input, "name")
                    .map(n -> git(ctx, dir, "branch", "--", ref(n, "name")))
                    .orElseGet(() -> git(ctx, dir, "branch", "--list", "-vv"));
            case "commit" -> commit(input, ctx, dir);
            case "worktree-add" -> worktreeAdd(input, ctx, dir);
            default -> throw new ToolFailure("unknown action '" + action + "'; use one of " + ACTIONS);
        };
    }

    private ToolResult commit(ObjectNode input, ToolContext ctx, Path dir) {
        String message = Schema.optionalText(input, "message").filter(m -> !m.isBlank())
                .orElseThrow(() -> new ToolFailure("commit needs a message"));
        List<String> paths = Schema.texts(input, "paths");
        for (String p : paths) Access.writable(ctx, p);
        List<String> add = new ArrayList<>(List.of("add"));
        if (paths.isEmpty()) add.add("-A");
        else {
            add.add("--");
            add.addAll(paths);
        }
        ToolResult staged = git(ctx, dir, add.toArray(String[]::new));
        if (staged.isError()) return staged;
        List<String> commit = new ArrayList<>();
        if (!hasIdentity(ctx, dir)) commit.addAll(List.of("-c", "user.name=Kairos", "-c", "user.email=kairos@localhost"));
        commit.addAll(List.of("commit", "-m", message));
        return git(ctx, dir, commit.toArray(String[]::new));
    }

    private ToolResult worktreeAdd(ObjectNode input, ToolContext ctx, Path dir) {
        String branch = ref(Schema.optionalText(input, "name")
                .orElseThrow(() -> new ToolFailure("worktree-add needs a name for the new branch")), "name");
        Path where = Access.writable(ctx, Schema.optionalText(input, "path")
                .orElseThrow(() -> new ToolFailure("worktree-add needs a path for the new worktree")));
        if (Files.exists(where)) throw new ToolFailure(where + " already exists; choose a new folder");
        String base = ref(Schema.optionalText(input, "base").orElse("HEAD"), "base");
        return git(ctx, dir, "worktree", "add", "-b", branch, where.toString(), base);
    }

    /** A branch or commit name, which must not be taken for an option. */
    private static String ref(String name, String field) {
        if (name.isBlank() || name.startsWith("-") || name.chars().anyMatch(Character::isWhitespace)) {
            throw new ToolFailure("'" + name + "' is not a usable " + field + ": no spaces, not starting with '-'");
        }
        return name;
    }

    private boolean hasIdentity(ToolContext ctx, Path dir) {
        return !git(ctx, dir, "config", "user.email").isError();
    }

    /** The subcommand, past any "-c key=value". */
    private static String verb(String... args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("-c")) i++;
            else return args[i];
        }
        return "";
    }

    private ToolResult git(ToolContext ctx, Path dir, String... args) {
        String verb = verb(args);
        Result r = git.run(dir, ctx.commandTimeout(), args);
        String text = r.output().isEmpty() ? "" : TokenCap.cap(r.output().head(), r.output().cutBytes(),
                r.output().tail(), ctx.resultTokens() - 64).strip();
        return switch (r.ending()) {
            case NOT_STARTED -> throw new ToolFailure(text + (text.contains("not found") ? " (is git installed?)" : ""));
            case TIMED_OUT -> throw new ToolFailure("git " + verb + " timed out and was stopped");
            case INTERRUPTED -> throw new ToolFailure("interrupted; git was stopped");
            case EXITED -> r.exitCode() == 0 ? ToolResult.ok(text)
                    : ToolResult.error("git " + verb + " failed (exit code " + r.exitCode() + "): " + text);
        };
    }
}
