package dev.kairos.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/** A block of a message: text, a tool call by the model, or the result of one. */
public sealed interface Content permits Content.Text, Content.ToolUse, Content.ToolResult {

    record Text(String text) implements Content {
        public Text {
            Objects.requireNonNull(text, "text");
        }
    }

    /** The model asks to run tool {@code name} with {@code input}; {@code id} pairs it with its result. */
    record ToolUse(String id, String name, ObjectNode input) implements Content {
        public ToolUse {
            Objects.requireNonNull(id, "id");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(input, "input");
            input = input.deepCopy();
        }

        @Override
        public ObjectNode input() {
            return input.deepCopy();
        }
    }

    record ToolResult(String toolUseId, String content, boolean isError) implements Content {
        public ToolResult {
            Objects.requireNonNull(toolUseId, "toolUseId");
            Objects.requireNonNull(content, "content");
        }
    }
}
