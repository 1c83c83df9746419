package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** {@code list_files {path?, depth?}}: the files and folders under a folder, folders ending in "/". */
final class ListFiles implements Tool {
    static final Set<String> SKIPPED = Set.of(".git", "node_modules", "target", "build", ".gradle", ".idea");
    private static final int MAX_ENTRIES = 500;
    private static final ObjectNode SCHEMA = Schema.object()
            .string("path", false)
            .integer("depth", "levels, 1 to 6", false).build();

    @Override
    public String name() {
        return "list_files";
    }

    @Override
    public String description() {
        return "List a folder's files and subfolders (folders end in '/'). Skips .git, node_modules and build "
                + "output.";
    }

    @Override
    public ObjectNode inputSchema() {
        return SCHEMA.deepCopy();
    }

    @Override
    public Risk risk() {
        return Risk.READ;
    }

    @Override
    public ToolResult call(ObjectNode input, ToolContext ctx) {
        String given = Schema.optionalText(input, "path").orElse(".");
        int depth = Schema.integer(input, "depth", 2, 1, 6);
        Path dir = Access.readable(ctx, given);
        if (!Files.isDirectory(dir)) throw new ToolFailure("no such folder: " + given);
        List<String> lines = new ArrayList<>();
        int[] more = {0};
        walk(dir, dir, depth, lines, more);
        if (lines.isEmpty()) return ToolResult.ok("(" + given + " is empty)");
        if (more[0] > 0) lines.add("… and " + more[0] + " more");
        return ToolResult.ok(String.join("\n", lines));
    }

    private static void walk(Path base, Path dir, int depth, List<String> out, int[] more) {
        List<Path> children;
        try (Stream<Path> s = Files.list(dir)) {
            children = s.sorted().toList();
        } catch (IOException e) {
            out.add(base.relativize(dir) + "/ (cannot list: " + e.getMessage() + ")");
            return;
        }
        for (Path child : children) {
            String name = base.relativize(child).toString();
            boolean link = Files.isSymbolicLink(child);
            boolean folder = !link && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS);
            if (folder && SKIPPED.contains(child.getFileName().toString())) continue;
            if (out.size() >= MAX_ENTRIES) {
                more[0]++;
                continue;
            }
            out.add(name + (link ? "@" : folder ? "/" : ""));
            if (folder && depth > 1) walk(base, child, depth - 1, out, more);
        }
    }
}
