package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.process.Command;
import dev.kairos.process.OutputClip;
import dev.kairos.process.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code read_file {path}}: a text file's content; a long file keeps its head and tail. */
final class ReadFile implements Tool {
    private static final ObjectNode SCHEMA = Schema.object()
            .string("path", true).build();

    @Override
    public String name() {
        return "read_file";
    }

    @Override
    public String description() {
        return "Read a text file.";
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
        String given = Schema.text(input, "path");
        Path file = Access.readable(ctx, given);
        if (!Files.exists(file)) throw new ToolFailure("no such file: " + given);
        if (Files.isDirectory(file)) throw new ToolFailure(given + " is a folder; use list_files");
        try {
            OutputClip clip = OutputClip.ofFile(file, Command.DEFAULT_OUTPUT_CAP);
            if (clip.looksBinary()) return ToolResult.ok(given + " is a binary file of " + clip.total() + " bytes");
            if (clip.total() == 0) return ToolResult.ok("(" + given + " is empty)");
            Result.Output out = clip.output();
            return ToolResult.ok(TokenCap.cap(out.head(), out.cutBytes(), out.tail(), ctx.resultTokens()));
        } catch (IOException e) {
            throw new ToolFailure("cannot read " + given + ": " + e.getMessage());
        }
    }
}
