package dev.kairos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * What a scripted model reads in an Anthropic request: the turn's opening message (the memories Kairos packed, the
 * time, then the task or the user's words) and, in a tool loop, the result of the tool it called last.
 */
record Prompt(String opening, Optional<Result> lastResult) {
    private static final String NOW = "Now: ";
    private static final String MEMORIES = "<memories>\n";

    /** A tool's result as the model was given it. */
    record Result(String tool, String content, boolean isError) {}

    static Prompt of(JsonNode request) {
        JsonNode messages = request.path("messages");
        String opening = "";
        for (JsonNode m : messages) {
            if (!m.path("role").asText().equals("user")) continue;
            for (JsonNode block : m.path("content")) {
                String text = block.path("text").asText("");
                if (text.startsWith(NOW) || text.contains("\n\n" + NOW)) opening = text;
            }
        }
        return new Prompt(opening, lastResult(messages));
    }

    /** The task or the user's words: what follows the time line. */
    String said() {
        int now = opening.indexOf(NOW);
        int start = now < 0 ? -1 : opening.indexOf("\n\n", now);
        return start < 0 ? opening.strip() : opening.substring(start + 2).strip();
    }

    /** The first memory Kairos packed, without its date and provenance; empty when none were. */
    Optional<String> firstMemory() {
        int start = opening.indexOf(MEMORIES);
        if (start < 0) return Optional.empty();
        return opening.substring(start + MEMORIES.length()).lines().map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("<") && !l.startsWith("#")).findFirst()
                .map(l -> l.length() > 160 ? l.substring(0, 160) + "…" : l);
    }

    private static Optional<Result> lastResult(JsonNode messages) {
        if (messages.size() < 2) return Optional.empty();
        JsonNode last = messages.get(messages.size() - 1);
        JsonNode calls = messages.get(messages.size() - 2).path("content");
        for (JsonNode block : last.path("content")) {
            if (!block.path("type").asText().equals("tool_result")) continue;
            String id = block.path("tool_use_id").asText();
            String tool = "";
            for (JsonNode c : calls) if (c.path("id").asText().equals(id)) tool = c.path("name").asText();
            return Optional.of(new Result(tool, text(block.path("content")), block.path("is_error").asBoolean(false)));
        }
        return Optional.empty();
    }

    private static String text(JsonNode content) {
        if (content.isTextual()) return content.asText();
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) sb.append(part.path("text").asText(""));
        return sb.toString();
    }
}
