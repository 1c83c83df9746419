package dev.kairos.channel;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One update from getUpdates: its id, which moves the offset whatever it holds, and the message it carries, if it is
 * a message from a person (not a bot, not an edit or a reaction).
 *
 * @param raw the message as Telegram sent it, for its attachments
 */
record TelegramUpdate(long id, Optional<Incoming> message, JsonNode raw) {

    /** Reads an update, with {@code now} as the time it was received (the agent's clock, not the sender's). */
    static TelegramUpdate read(JsonNode u, Instant now) {
        long id = u.path("update_id").asLong(-1);
        JsonNode m = u.path("message");
        JsonNode from = m.path("from");
        String chat = m.path("chat").path("id").asText("");
        if (!m.isObject() || chat.isEmpty() || !m.hasNonNull("message_id") || from.path("is_bot").asBoolean(false)) {
            return new TelegramUpdate(id, Optional.empty(), m);
        }
        String text = m.hasNonNull("text") ? m.get("text").asText() : m.path("caption").asText("");
        JsonNode senderChat = m.path("sender_chat");
        String sender = from.hasNonNull("id") ? from.get("id").asText() : senderChat.path("id").asText(chat);
        Optional<String> thread = m.path("is_topic_message").asBoolean(false) && m.hasNonNull("message_thread_id")
                ? Optional.of(m.get("message_thread_id").asText()) : Optional.empty();
        Incoming in = new Incoming(Telegram.NAME, chat, m.get("message_id").asText(), sender,
                from.isObject() ? name(from) : senderChat.path("title").asText("a chat"), text, thread,
                forwardedFrom(m.path("forward_origin")), List.of(), now);
        return new TelegramUpdate(id, Optional.of(in), m);
    }

    /** The same message with the files it carried (saved paths, or notes). */
    TelegramUpdate withAttachments(List<String> files) {
        return message.map(in -> new TelegramUpdate(id, Optional.of(new Incoming(in.channel(), in.chat(),
                in.messageId(), in.sender(), in.senderName(), in.text(), in.thread(), in.forwardedFrom(), files,
                in.at())), raw)).orElse(this);
    }

    /** Whether the message carries anything besides text. */
    boolean hasFiles() {
        for (String field : List.of("document", "photo", "voice", "audio", "video", "video_note", "sticker",
                "animation", "contact", "location", "poll")) {
            if (raw.hasNonNull(field)) return true;
        }
        return false;
    }

    /** "Ada Lovelace (@ada)". */
    private static String name(JsonNode user) {
        String name = (user.path("first_name").asText("") + " " + user.path("last_name").asText("")).strip();
        String handle = user.hasNonNull("username") ? "@" + user.get("username").asText() : "";
        if (name.isEmpty()) return handle.isEmpty() ? "user " + user.path("id").asText("?") : handle;
        return handle.isEmpty() ? name : name + " (" + handle + ")";
    }

    /** Who a forwarded message came from (MessageOrigin: user, hidden_user, chat, channel). */
    private static Optional<String> forwardedFrom(JsonNode origin) {
        if (!origin.isObject()) return Optional.empty();
        if (origin.path("sender_user").isObject()) return Optional.of(name(origin.get("sender_user")));
        if (origin.hasNonNull("sender_user_name")) return Optional.of(origin.get("sender_user_name").asText());
        for (String field : List.of("sender_chat", "chat")) {
            if (origin.path(field).hasNonNull("title")) return Optional.of(origin.get(field).get("title").asText());
        }
        return Optional.of("someone else");
    }
}
