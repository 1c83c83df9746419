package dev.kairos.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a model saw in one {@link RecordedRequest}, read back from either wire format: the tool results it was given
 * (with the name of the tool that produced each) and the text of the latest user message. Lets a scripted responder
 * react to what it receives, and a test assert on what the model was told.
 */
public final class Conversation {
    /** One tool result as the model received it; OpenAI has no error flag, so there it is read from "Error: ". */
    public record ToolResultSeen(String tool, String content, boolean isError) {}

    private Conversation() {}

    /** Every tool result in the request, oldest first. */
    public static List<ToolResultSeen> toolResults(RecordedRequest request) {
        return request.isAnthropic() ? anthropic(request.body()) : openAi(request.body());
    }

    /** The results the model is answering now: those in the request's last message (none on a turn's first call). */
    public static Optional<ToolResultSeen> lastToolResult(RecordedRequest request) {
        JsonNode messages = request.body().path("messages");
        if (messages.isEmpty()) return Optional.empty();
        JsonNode last = messages.get(messages.size() - 1);
        boolean isResult = request.isAnthropic()
                ? last.path("content").isArray() && last.path("content").findValues("type").stream()
                        .anyMatch(t -> t.asText().equals("tool_result"))
                : last.path("role").asText().equals("tool");
        if (!isResult) return Optional.empty();
        List<ToolResultSeen> all = toolResults(request);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }

    /** The text of the latest user message that holds text: a turn's task or the user's words, after "Now: ...". */
    public static String lastUserText(RecordedRequest request) {
        JsonNode messages = request.body().path("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode m = messages.get(i);
            if (!m.path("role").asText().equals("user")) continue;
            String text = text(m.path("content"));
            if (!text.isEmpty()) return text;
        }
        return "";
    }

    /** How many {@code cache_control} marks the body carries, anywhere (Anthropic allows at most 4). */
    public static int cacheBreakpoints(JsonNode body) {
        return body.findValues("cache_control").size();
    }

    private static List<ToolResultSeen> anthropic(JsonNode body) {
        Map<String, String> toolById = new HashMap<>();
        List<ToolResultSeen> out = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            for (JsonNode block : m.path("content")) {
                switch (block.path("type").asText()) {
                    case "tool_use" -> toolById.put(block.path("id").asText(), block.path("name").asText());
                    case "tool_result" -> out.add(new ToolResultSeen(
                            toolById.getOrDefault(block.path("tool_use_id").asText(), "?"),
                            text(block.path("content")), block.path("is_error").asBoolean(false)));
                    default -> { }
                }
            }
        }
        return out;
    }

    private static List<ToolResultSeen> openAi(JsonNode body) {
        Map<String, String> toolById = new HashMap<>();
        List<ToolResultSeen> out = new ArrayList<>();
        for (JsonNode m : body.path("messages")) {
            for (JsonNode call : m.path("tool_calls")) {
                toolById.put(call.path("id").asText(), call.path("function").path("name").asText());
            }
            if (m.path("role").asText().equals("tool")) {
                String content = text(m.path("content"));
                out.add(new ToolResultSeen(toolById.getOrDefault(m.path("tool_call_id").asText(), "?"), content,
                        content.startsWith("Error: ")));
            }
        }
        return out;
    }

    /** A content field as text: a plain string, or the text blocks of an array joined. */
    private static String text(JsonNode content) {
        if (content.isTextual()) return content.asText();
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : content) {
            if (block.path("type").asText().equals("text")) {
                if (!sb.isEmpty()) sb.append('\n');
                sb.append(block.path("text").asText());
            }
        }
        return sb.toString();
    }
}
