package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code memory_search {query, limit?}}: what memory holds about something, with dates and provenance. */
final class MemorySearch implements Tool {
    private static final ObjectNode SCHEMA = Schema.object()
            .string("query", true)
            .integer("limit", false)
            .build();

    @Override
    public String name() {
        return "memory_search";
    }

    @Override
    public String description() {
        return "Search your memory (journal, topics, archive) by words and meaning.";
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
        String query = Schema.text(input, "query").strip();
        if (query.isEmpty()) throw new ToolFailure("the query is empty");
        return ctx.memory().search(query, Schema.integer(input, "limit", 8, 1, 30));
    }
}
