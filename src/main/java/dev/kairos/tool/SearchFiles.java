package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** {@code search_files {pattern, path?, glob?}}: lines matching a regular expression, as file:line: text. */
final class SearchFiles implements Tool {
    private static final int MAX_MATCHES = 200;
    private static final long MAX_FILE_BYTES = 2 * 1024 * 1024;
    private static final int MAX_LINE_CHARS = 240;
    private static final ObjectNode SCHEMA = Schema.object()
            .string("pattern", "Java regex", true)
            .string("path", false)
            .string("glob", "e.g. *.java", false).build();

    @Override
    public String name() {
        return "search_files";
    }

    @Override
    public String description() {
        return "Find lines matching a pattern in the files under a folder. Skips binary and large files, .git, "
                + "node_modules and build output.";
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
        Pattern pattern;
        try {
            pattern = Pattern.compile(Schema.text(input, "pattern"));
        } catch (PatternSyntaxException e) {
            throw new ToolFailure("not a regular expression: " + e.getDescription() + " near index " + e.getIndex());
        }
        String given = Schema.optionalText(input, "path").orElse(".");
        Path dir = Access.readable(ctx, given);
        if (!Files.isDirectory(dir)) throw new ToolFailure("no such folder: " + given);
        Optional<PathMatcher> glob = Schema.optionalText(input, "glob")
                .map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g));
        List<String> matches = new ArrayList<>();
        int[] more = {0};
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && ListFiles.SKIPPED.contains(d.getFileName().toString())
                            ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    // links are not followed: one could point out of the task's folders
                    if (!attrs.isRegularFile() || attrs.size() > MAX_FILE_BYTES || Access.isAgentState(file)) {
                        return FileVisitResult.CONTINUE;
                    }
                    Path rel = dir.relativize(file);
                    if (glob.isPresent() && !glob.get().matches(rel) && !glob.get().matches(rel.getFileName())) {
                        return FileVisitResult.CONTINUE;
                    }
                    search(file, Access.show(ctx, file), pattern, matches, more);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new ToolFailure("cannot search " + given + ": " + e.getMessage());
        }
        if (matches.isEmpty()) return ToolResult.ok("no matches for /" + pattern + "/ in " + given);
        if (more[0] > 0) matches.add("… and " + more[0] + " more matches");
        return ToolResult.ok(String.join("\n", matches));
    }

    private static void search(Path file, String shown, Pattern pattern, List<String> out, int[] more) {
        List<String> lines;
        try {
            byte[] bytes = Files.readAllBytes(file);
            for (int i = 0; i < Math.min(bytes.length, 8192); i++) if (bytes[i] == 0) return; // binary
            lines = new String(bytes, java.nio.charset.StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            if (!pattern.matcher(lines.get(i)).find()) continue;
            if (out.size() >= MAX_MATCHES) {
                more[0]++;
                continue;
            }
            String line = lines.get(i).strip();
            if (line.length() > MAX_LINE_CHARS) line = line.substring(0, MAX_LINE_CHARS) + "…";
            out.add(shown + ":" + (i + 1) + ": " + line);
        }
    }
}
