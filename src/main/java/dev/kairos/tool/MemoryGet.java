package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code memory_get {path, from?, lines?}}: lines of a memory file, e.g. around an item memory_search found. */
final class MemoryGet implements Tool {
    private static final ObjectNode SCHEMA = Schema.object()
            .string("path", true)
            .integer("from", "first line, 1-based", false)
            .integer("lines", false)
            .build();

    @Override
    public String name() {
        return "memory_get";
    }

    @Override
    public String description() {
        return "Read lines of a memory file: MEMORY.md, topics/*.md, journal/YYYY-MM-DD.md, archive/…";
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
        return ctx.memory().get(Schema.text(input, "path").strip(),
                Schema.integer(input, "from", 1, 1, Integer.MAX_VALUE), Schema.integer(input, "lines", 60, 1, 400));
    }
}
