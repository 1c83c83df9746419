package dev.kairos.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.effect.Courier;
import dev.kairos.effect.Effect;
import dev.kairos.effect.Outcome;
import dev.kairos.json.Json;
import java.time.Duration;

/**
 * Sends {@code telegram.send} effects with sendMessage, as a reply to the message they answer (sent anyway if that
 * message is gone), in its topic. Telegram cannot be asked whether a message went out, so a process that dies
 * between Telegram's answer and the outbox's record of it sends that part again at the next start: the one window
 * in which a reply can repeat.
 */
final class TelegramCourier implements Courier {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final BotApi api;

    TelegramCourier(BotApi api) {
        this.api = api;
    }

    @Override
    public String kind() {
        return Telegram.NAME + ".send";
    }

    @Override
    public Outcome deliver(Effect effect) {
        Outgoing out;
        try {
            out = Outgoing.read(effect.payload());
        } catch (IllegalStateException e) {
            return new Outcome.Refused(e.getMessage());
        }
        ObjectNode send = Json.object();
        number(send, "chat_id", out.chat());
        send.put("text", out.text());
        out.thread().ifPresent(t -> number(send, "message_thread_id", t));
        out.replyTo().ifPresent(r -> {
            ObjectNode reply = send.putObject("reply_parameters");
            number(reply, "message_id", r);
            reply.put("allow_sending_without_reply", true);
        });
        try {
            JsonNode sent = api.call("sendMessage", send, TIMEOUT);
            return new Outcome.Delivered("telegram message " + sent.path("message_id").asText("?") + " in chat "
                    + out.chat());
        } catch (BotApi.Failure e) {
            return e.passing() ? new Outcome.Retry(e.getMessage(), e.retryAfter) : new Outcome.Refused(e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Outcome.Retry.because("stopped while sending");
        }
    }

    /** Ids are numbers on the wire; a chat may also be "@channelname". */
    private static void number(ObjectNode node, String field, String value) {
        try {
            node.put(field, Long.parseLong(value));
        } catch (NumberFormatException e) {
            node.put(field, value);
        }
    }
}
