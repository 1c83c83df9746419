package dev.kairos.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A tool the model may call.
 *
 * @param inputSchema a JSON Schema of type object describing the tool's arguments
 */
public record ToolSpec(String name, String description, ObjectNode inputSchema) {

    public ToolSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(inputSchema, "inputSchema");
        inputSchema = inputSchema.deepCopy();
    }

    @Override
    public ObjectNode inputSchema() {
        // ObjectNode is mutable: hand out a copy so a caller cannot change a spec others share.
        return inputSchema.deepCopy();
    }
}
