package dev.kairos.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.effect.Effect;
import dev.kairos.json.Json;
import java.util.Objects;
import java.util.Optional;

/**
 * One message to send on a channel: the payload of its outbox effect.
 *
 * @param thread the topic inside the chat, where the message being answered came from one
 * @param replyTo the message it answers, shown as a reply to it
 * @param after the key of the effect that must be delivered first (the part before it), so parts arrive in order
 */
record Outgoing(String channel, String chat, Optional<String> thread, Optional<String> replyTo, String text,
        Optional<String> after) {

    Outgoing {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(after, "after");
    }

    Outgoing(String channel, String chat, Optional<String> thread, Optional<String> replyTo, String text) {
        this(channel, chat, thread, replyTo, text, Optional.empty());
    }

    /** The answer to {@code m}, in its chat and topic, sent once the effect keyed {@code after} was. */
    static Outgoing answer(Incoming m, String text, Optional<String> after) {
        return new Outgoing(m.channel(), m.chat(), m.thread(), Optional.of(m.messageId()), text, after);
    }

    /** The effect that sends it, under {@code key}. */
    Effect.Draft draft(String key) {
        ObjectNode p = Json.object().put("channel", channel).put("chatId", chat).put("text", text);
        thread.ifPresent(t -> p.put("threadId", t));
        replyTo.ifPresent(r -> p.put("replyTo", r));
        after.ifPresent(a -> p.put("after", a));
        return Effect.Draft.of(channel + ".send", key, Json.write(p));
    }

    /** Reads an effect's payload; an IllegalStateException for one that is not a message. */
    static Outgoing read(String payload) {
        JsonNode p = Json.tree(payload);
        if (!p.hasNonNull("channel") || !p.hasNonNull("chatId") || !p.hasNonNull("text")) {
            throw new IllegalStateException("not a message to send: it names no channel, chat or text");
        }
        return new Outgoing(p.get("channel").asText(), p.get("chatId").asText(), text(p, "threadId"),
                text(p, "replyTo"), p.get("text").asText(), text(p, "after"));
    }

    private static Optional<String> text(JsonNode p, String field) {
        return p.hasNonNull(field) ? Optional.of(p.get(field).asText()) : Optional.empty();
    }
}
