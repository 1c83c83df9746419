package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code message_user {text}}: starts a thread with the user on their preferred channel (channels.preferred: a
 * Telegram chat they paired, or their mailbox), where their answer comes back as a message. Offered only when a
 * channel is configured; a tainted turn asks first, as for any message sent.
 */
final class MessageUser implements Tool {
    private static final ObjectNode SCHEMA = Schema.object()
            .string("text", true).build();

    @Override
    public String name() {
        return "message_user";
    }

    @Override
    public String description() {
        return "Start a thread with the user on their channel when something matters and may need their answer. "
                + "Use sparingly; to answer a message, use reply.";
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
        try {
            String where = ctx.messageUser().message(text);
            return ToolResult.ok("recorded; Kairos sends it " + where + " when this turn ends");
        } catch (IllegalStateException e) {
            throw new ToolFailure(e.getMessage());
        }
    }
}
