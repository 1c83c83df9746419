package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code remember {text}}: a note to the journal (the memory issue makes it a memory item). */
final class Remember implements Tool {
    private static final ObjectNode SCHEMA = Schema.object()
            .string("text", "one or two self-contained sentences", true)
            .build();

    @Override
    public String name() {
        return "remember";
    }

    @Override
    public String description() {
        return "Note a fact, preference or decision worth knowing later in the journal. The user's words in a chat "
                + "are kept as they are said: note what you learn or decide.";
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
        String text = Schema.text(input, "text").strip();
        if (text.isEmpty()) throw new ToolFailure("the text is empty");
        return ToolResult.ok(ctx.remember().remember(text));
    }
}
