package dev.kairos.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.json.Json;
import java.util.List;
import java.util.Map;

/** One answer of a benchmark's scripted model: some text, then the tool calls it asks for (none: its turn ends). */
public record ScriptedReply(String text, List<ToolCall> calls) {
    /** A tool the model calls, with its input as the tool's schema wants it. */
    public record ToolCall(String name, ObjectNode input) {}

    public ScriptedReply {
        calls = List.copyOf(calls);
    }

    public static ScriptedReply text(String text) {
        return new ScriptedReply(text, List.of());
    }

    /** A call of {@code tool} with {@code input}'s fields (strings, numbers, booleans, lists). */
    static ScriptedReply call(String text, String tool, Map<String, ?> input) {
        return new ScriptedReply(text, List.of(new ToolCall(tool, Json.MAPPER.valueToTree(input))));
    }
}
