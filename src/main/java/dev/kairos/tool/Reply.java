package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code reply {text}}: answers on the channel the session came from. */
final class Reply implements Tool {
    /** What the model is told: the reply is recorded, not yet delivered (a delivery receipt says that later). */
    static final String RECORDED = "reply recorded; Kairos delivers it when this turn ends";
    private static final ObjectNode SCHEMA = Schema.object()
            .string("text", true).build();

    @Override
    public String name() {
        return "reply";
    }

    @Override
    public String description() {
        return "Answer the person in this conversation, on their channel.";
    }

    @Override
    public ObjectNode inputSchema() {
        return SCHEMA.deepCopy();
    }

    @Override
    public Risk risk() {
        return Risk.SEND;
    }

    @Override
    public ToolResult call(ObjectNode input, ToolContext ctx) {
        String text = Schema.text(input, "text").strip();
        if (text.isEmpty()) throw new ToolFailure("the reply is empty");
        ctx.reply().reply(text);
        return ToolResult.ok(RECORDED);
    }
}
