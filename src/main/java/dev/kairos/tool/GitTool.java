package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code git {action, …}}: status, diff, log, branch, commit and worktree-add in the task's folder, through the
 * {@code git} command. Proactive work makes a worktree and works there, so the user's working copy is never touched.
 * There is no push: publishing goes through the outbox.
 */
final class GitTool implements Tool {
    static final List<String> ACTIONS = List.of("status", "diff", "log", "branch", "commit", "worktree-add");
    private static final ObjectNode SCHEMA = Schema.object()
            .oneOf("action", "what to do", ACTIONS, true)
            .string("path", "diff: only this path; worktree-add: the folder for the new worktree", false)
            .bool("staged", "diff: the staged changes instead of the unstaged ones", false)
            .integer("max", "log: how many commits, 1 to 200; default 20", false)
            .string("name", "branch: a branch to create (none: list branches); worktree-add: its new branch", false)
            .string("base", "worktree-add: the commit or branch to start from; default HEAD", false)
            .string("message", "commit: the commit message", false)
            .strings("paths", "commit: the paths to stage; default: every change", false).build();

    @Override
    public String name() {
        return "git";
    }

    @Override
    public String description() {
        return "Git in the task's folder: status, diff, log, branch (list, or create with name), commit (stages "
                + "paths or every change), worktree-add (a new worktree on a new branch, for work that must not "
                + "touch the user's working copy).";
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
        List<String> commit = new ArrayList<>(List.of("-c", "commit.gpgsign=false"));
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

    private static boolean hasIdentity(ToolContext ctx, Path dir) {
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

    private static ToolResult git(ToolContext ctx, Path dir, String... args) {
        List<String> argv = new ArrayList<>(List.of("git", "--no-pager", "-c", "color.ui=false"));
        argv.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("GIT_TERMINAL_PROMPT", "0");
        pb.environment().put("GIT_PAGER", "cat");
        pb.environment().put("GIT_EDITOR", "true");
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new ToolFailure("cannot run git: " + e.getMessage() + " (is git installed?)");
        }
        String verb = verb(args);
        Clip out = new Clip(Clip.DEFAULT_SIDE);
        Thread reader = Thread.ofVirtual().name("git-output").start(() -> out.drain(p.getInputStream()));
        try {
            p.getOutputStream().close();
            if (!p.waitFor(ctx.commandTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                throw new ToolFailure("git " + verb + " timed out and was stopped");
            }
            reader.join();
            String text = out.text(ctx.resultTokens() - 64).strip();
            if (p.exitValue() != 0) {
                return ToolResult.error("git " + verb + " failed (exit code " + p.exitValue() + "): " + text);
            }
            return ToolResult.ok(text);
        } catch (IOException e) {
            throw new ToolFailure("lost git's output: " + e.getMessage());
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ToolFailure("interrupted; git was stopped");
        }
    }
}
