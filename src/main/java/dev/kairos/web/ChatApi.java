package dev.kairos.web;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.kairos.agent.Agent;
import dev.kairos.agent.ChatProgress;
import dev.kairos.json.Json;
import dev.kairos.model.ModelException;
import io.javalin.http.Context;
import io.javalin.http.sse.SseClient;
import io.javalin.http.sse.SseHandler;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat over HTTP: one turn answered as JSON ({@code POST /api/chat}), one turn streamed as server-sent events
 * ({@code POST /api/chat/stream}), and the conversation so far ({@code GET /api/chat/history}). A turn is a POST
 * only: a GET can be made by any web page (an image's address), and a GET carries no Origin to refuse it by.
 */
final class ChatApi {
    private static final Logger log = LoggerFactory.getLogger(ChatApi.class);
    /** SSE data stays ASCII, whatever the servlet's writer does with other characters. */
    private static final ObjectWriter EVENT = Json.MAPPER.writer().with(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());
    private static final String EXAMPLE = "{\"text\": \"good morning\"}";

    private final WebServer.Chat chat;
    private final Runnable afterTurn;

    /** {@code afterTurn} runs after each turn: `kairos up` beats then, so an approval it asked for goes out now. */
    ChatApi(WebServer.Chat chat, Runnable afterTurn) {
        this.chat = chat;
        this.afterTurn = afterTurn;
    }

    /** A question that can be put to the agent. */
    private record Ask(Agent agent, String text) {}

    /** POST /api/chat: the turn, answered once it is over. */
    void answer(Context ctx) {
        Optional<Ask> ask = ask(ctx);
        if (ask.isEmpty()) return;
        try {
            json(ctx, 200, Json.write(ChatReport.of(ask.get().agent().chat(ask.get().text()))));
        } catch (ModelException e) {
            json(ctx, 502, error(e.getMessage()));
        } catch (RuntimeException e) {
            log.error("chat failed: {}", e.toString(), e);
            json(ctx, 500, error(failed(e)));
        } finally {
            afterTurn.run();
        }
    }

    /**
     * POST /api/chat/stream: the turn as events: {@code text} (a piece of the model's text), {@code tool} (a tool
     * call the model makes), then {@code done} (the same object as POST /api/chat) or {@code error}.
     */
    void stream(Context ctx) {
        Optional<Ask> ask = ask(ctx);
        if (ask.isEmpty()) return;
        String accept = ctx.header("Accept");
        if (accept == null || !accept.contains("text/event-stream")) {
            json(ctx, 406, error("this route streams: send 'Accept: text/event-stream', or POST /api/chat for one "
                    + "JSON answer"));
            return;
        }
        new SseHandler(client -> turn(client, ask.get())).handle(ctx);
    }

    private void turn(SseClient client, Ask ask) {
        ChatProgress progress = new ChatProgress() {
            @Override
            public void text(String delta) {
                client.sendEvent("text", event(Map.of("text", delta)));
            }

            @Override
            public void toolCall(String tool) {
                client.sendEvent("tool", event(Map.of("tool", tool)));
            }
        };
        try {
            // a reader who leaves does not stop the turn: its answer joins the conversation all the same
            client.sendEvent("done", event(ChatReport.of(ask.agent().chat(ask.text(), progress))));
        } catch (ModelException e) {
            client.sendEvent("error", event(Map.of("error", e.getMessage())));
        } catch (RuntimeException e) {
            log.error("chat failed: {}", e.toString(), e);
            client.sendEvent("error", event(Map.of("error", failed(e))));
        } finally {
            client.close();
            afterTurn.run();
        }
    }

    /** GET /api/chat/history[?limit=N]: the user's conversation, oldest first. */
    void history(Context ctx) {
        String limit = ctx.queryParam("limit");
        if (limit != null && !limit.matches("\\d{1,3}")) {
            json(ctx, 400, error("limit must be a number of messages, 1 to " + ChatHistory.MAX));
            return;
        }
        int n = limit == null ? ChatHistory.DEFAULT : Math.max(1, Math.min(ChatHistory.MAX, Integer.parseInt(limit)));
        json(ctx, 200, Json.write(Map.of("messages", new ChatHistory(chat.jdbi(), chat.ledger()).recent(n))));
    }

    /** The request's text and the agent to put it to; otherwise the response says what is wrong, in one line. */
    private Optional<Ask> ask(Context ctx) {
        String type = ctx.contentType();
        if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/json")) {
            json(ctx, 415, error("send JSON: 'Content-Type: application/json' and a body like " + EXAMPLE));
            return Optional.empty();
        }
        JsonNode body;
        try {
            body = Json.MAPPER.readTree(ctx.body());
        } catch (java.io.IOException e) {
            body = null;
        }
        if (body == null || !body.path("text").isTextual()) {
            json(ctx, 400, error("the body must be a JSON object like " + EXAMPLE));
            return Optional.empty();
        }
        String text = body.get("text").asText();
        if (text.isBlank()) {
            json(ctx, 400, error("not sent: the message is empty; say something, e.g. " + EXAMPLE));
            return Optional.empty();
        }
        Optional<Agent> agent;
        try {
            agent = chat.agent().get();
        } catch (RuntimeException e) { // the model's client cannot be built (a bad base URL, say)
            json(ctx, 503, error(e.getMessage()));
            return Optional.empty();
        }
        if (agent.isEmpty()) json(ctx, 503, error(ChatReport.NO_MODEL));
        return agent.map(a -> new Ask(a, text));
    }

    static String error(String line) {
        return Json.write(Map.of("error", line));
    }

    private static String failed(RuntimeException e) {
        return "the chat failed inside Kairos (" + e.getClass().getSimpleName() + "); see logs/kairos.log";
    }

    private static String event(Object data) {
        try {
            return EVENT.writeValueAsString(data);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write an event", e);
        }
    }

    private static void json(Context ctx, int status, String body) {
        ctx.status(status).contentType("application/json").result(body);
    }
}
