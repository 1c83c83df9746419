package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code write_file {path, content}}: creates or replaces a file, with the folders it needs. */
final class WriteFile implements Tool {
    private static final ObjectNode SCHEMA = Schema.object()
            .string("path", true)
            .string("content", true).build();

    @Override
    public String name() {
        return "write_file";
    }

    @Override
    public String description() {
        return "Create or overwrite a whole file; to change part of one, use edit_file.";
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
    public ToolResult call(ObjectNode input, ToolContext ctx) {
        String given = Schema.text(input, "path");
        String content = Schema.text(input, "content");
        Path file = Access.writable(ctx, given);
        if (Files.isDirectory(file)) throw new ToolFailure(given + " is a folder");
        try {
            boolean existed = Files.exists(file);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            long lines = content.isEmpty() ? 0 : content.lines().count();
            return ToolResult.ok((existed ? "replaced " : "created ") + Access.show(ctx, file) + " (" + lines
                    + " lines)");
        } catch (IOException e) {
            throw new ToolFailure("cannot write " + given + ": " + e.getMessage());
        }
    }
}
