package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** {@code notify_user {text, title?}}: tells the user on their devices (journal and log until notifications land). */
final class NotifyUser implements Tool {
    private static final ObjectNode SCHEMA = Schema.object()
            .string("text", "short, for a lock screen", true)
            .string("title", false).build();

    @Override
    public String name() {
        return "notify_user";
    }

    @Override
    public String description() {
        return "Notify the user of something they should know now. Use sparingly.";
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
        if (text.isEmpty()) throw new ToolFailure("the text is empty");
        ctx.notifyUser().send(Schema.optionalText(input, "title").filter(t -> !t.isBlank()).orElse("Kairos"), text);
        return ToolResult.ok("notified the user");
    }
}
