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
 */
record Outgoing(String channel, String chat, Optional<String> thread, Optional<String> replyTo, String text) {

    Outgoing {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(text, "text");
    }

    /** The answer to {@code m}, in its chat and topic. */
    static Outgoing answer(Incoming m, String text) {
        return new Outgoing(m.channel(), m.chat(), m.thread(), Optional.of(m.messageId()), text);
    }

    /** The effect that sends it, under {@code key}. */
    Effect.Draft draft(String key) {
        ObjectNode p = Json.object().put("channel", channel).put("chatId", chat).put("text", text);
        thread.ifPresent(t -> p.put("threadId", t));
        replyTo.ifPresent(r -> p.put("replyTo", r));
        return Effect.Draft.of(channel + ".send", key, Json.write(p));
    }

    /** Reads an effect's payload; an IllegalStateException for one that is not a message. */
    static Outgoing read(String payload) {
        JsonNode p = Json.tree(payload);
        if (!p.hasNonNull("channel") || !p.hasNonNull("chatId") || !p.hasNonNull("text")) {
            throw new IllegalStateException("not a message to send: it names no channel, chat or text");
        }
        return new Outgoing(p.get("channel").asText(), p.get("chatId").asText(), text(p, "threadId"),
                text(p, "replyTo"), p.get("text").asText());
    }

    private static Optional<String> text(JsonNode p, String field) {
        return p.hasNonNull(field) ? Optional.of(p.get(field).asText()) : Optional.empty();
    }
}
