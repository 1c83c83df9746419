package dev.kairos.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.json.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One message received on a channel, as its {@code message.received} event carries it.
 *
 * @param chat the conversation it belongs to (a Telegram chat id), where the reply goes
 * @param thread the topic inside the chat, where the chat has topics
 * @param sender who wrote it (a Telegram user id); {@code senderName} is for people to read
 * @param forwardedFrom whose words it passes on, when it was forwarded: they are not the sender's
 * @param attachments files it carried: a path under the workspace, or a note saying why it was not saved
 */
public record Incoming(String channel, String chat, String messageId, String sender, String senderName, String text,
        Optional<String> thread, Optional<String> forwardedFrom, List<String> attachments, Instant at) {
    static final String KIND = "message.received";
    private static final int SUMMARY_CHARS = 300;

    public Incoming {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(chat, "chat");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(text, "text");
        attachments = List.copyOf(attachments);
    }

    /** The event: source the channel, keyed by chat and message, so the inbox keeps a message once. */
    Event event(Trust trust) {
        ObjectNode p = Json.object().put("channel", channel).put("chatId", chat).put("messageId", messageId)
                .put("sender", sender).put("senderName", senderName).put("text", text);
        thread.ifPresent(t -> p.put("threadId", t));
        forwardedFrom.ifPresent(f -> p.put("forwardedFrom", f));
        attachments.forEach(p.putArray("attachments")::add);
        String said = text.length() > SUMMARY_CHARS ? text.substring(0, SUMMARY_CHARS) + "…" : text;
        String files = attachments.isEmpty() ? "" : " [" + attachments.size() + " attachment(s)]";
        String passed = forwardedFrom.map(f -> " (forwarded from " + f + ")").orElse("");
        return Event.observed(channel, KIND, chat + "/" + messageId, at, trust,
                channel + " message from " + senderName + passed + ": " + said + files, Json.write(p));
    }

    /** The message an event of {@code channel} carries; empty for any other event, or a payload without one. */
    static Optional<Incoming> of(Event e, String channel) {
        if (!e.kind().equals(KIND) || !e.source().equals(channel)) return Optional.empty();
        JsonNode p;
        try {
            p = Json.tree(e.payload());
        } catch (IllegalStateException bad) {
            return Optional.empty();
        }
        if (!p.hasNonNull("chatId") || !p.hasNonNull("messageId")) return Optional.empty();
        List<String> files = new ArrayList<>();
        p.path("attachments").forEach(a -> files.add(a.asText()));
        return Optional.of(new Incoming(channel, p.get("chatId").asText(), p.get("messageId").asText(),
                p.path("sender").asText(""), p.path("senderName").asText(""), p.path("text").asText(""),
                optional(p, "threadId"), optional(p, "forwardedFrom"), files, e.observedAt()));
    }

    private static Optional<String> optional(JsonNode p, String field) {
        return p.hasNonNull(field) ? Optional.of(p.get(field).asText()) : Optional.empty();
    }
}
