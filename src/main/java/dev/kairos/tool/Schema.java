package dev.kairos.tool;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Builds a tool's input schema, checks an input against it, and reads the checked input. */
final class Schema {
    private final ObjectNode node = JsonNodeFactory.instance.objectNode();
    private final ObjectNode properties;
    private final ArrayNode required;

    private Schema() {
        node.put("type", "object");
        properties = node.putObject("properties");
        required = node.putArray("required");
    }

    static Schema object() {
        return new Schema();
    }

    Schema string(String name, String description, boolean isRequired) {
        return property(name, "string", description, isRequired);
    }

    /** A string whose name and tool say all a model needs: no description, which every call would pay for. */
    Schema string(String name, boolean isRequired) {
        return property(name, "string", null, isRequired);
    }

    Schema integer(String name, String description, boolean isRequired) {
        return property(name, "integer", description, isRequired);
    }

    Schema integer(String name, boolean isRequired) {
        return property(name, "integer", null, isRequired);
    }

    Schema bool(String name, String description, boolean isRequired) {
        return property(name, "boolean", description, isRequired);
    }

    Schema strings(String name, String description, boolean isRequired) {
        property(name, "array", description, isRequired);
        ((ObjectNode) properties.get(name)).putObject("items").put("type", "string");
        return this;
    }

    Schema oneOf(String name, List<String> values, boolean isRequired) {
        property(name, "string", null, isRequired);
        ArrayNode e = ((ObjectNode) properties.get(name)).putArray("enum");
        values.forEach(e::add);
        return this;
    }

    ObjectNode build() {
        return node.deepCopy();
    }

    private Schema property(String name, String type, String description, boolean isRequired) {
        ObjectNode p = properties.putObject(name).put("type", type);
        if (description != null) p.put("description", description);
        if (isRequired) required.add(name);
        return this;
    }

    /** What is wrong with {@code input}, for the model, or empty when it fits the schema (unknown keys pass). */
    static Optional<String> problem(ObjectNode schema, ObjectNode input) {
        for (JsonNode r : schema.path("required")) {
            JsonNode v = input.get(r.asText());
            if (v == null || v.isNull()) return Optional.of("missing input '" + r.asText() + "'");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = schema.path("properties").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            JsonNode v = input.get(p.getKey());
            if (v == null || v.isNull()) continue;
            String type = p.getValue().path("type").asText();
            boolean fits = switch (type) {
                case "string" -> v.isTextual();
                case "integer" -> v.isIntegralNumber() || v.isTextual() && v.asText().matches("-?\\d{1,9}");
                case "boolean" -> v.isBoolean() || v.isTextual() && v.asText().matches("true|false");
                case "array" -> v.isArray() && allText(v);
                default -> true;
            };
            if (!fits) return Optional.of("input '" + p.getKey() + "' must be " + article(type));
            JsonNode allowed = p.getValue().get("enum");
            if (allowed != null && !contains(allowed, v.asText())) {
                return Optional.of("input '" + p.getKey() + "' must be one of " + allowed + ", not '" + v.asText() + "'");
            }
        }
        return Optional.empty();
    }

    static String text(ObjectNode input, String name) {
        return optionalText(input, name).orElseThrow(() -> new ToolFailure("missing input '" + name + "'"));
    }

    static Optional<String> optionalText(ObjectNode input, String name) {
        JsonNode v = input.get(name);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    static int integer(ObjectNode input, String name, int fallback, int min, int max) {
        JsonNode v = input.get(name);
        if (v == null || v.isNull()) return fallback;
        int n = v.asInt();
        if (n < min || n > max) throw new ToolFailure("input '" + name + "' must be between " + min + " and " + max);
        return n;
    }

    static boolean bool(ObjectNode input, String name) {
        JsonNode v = input.get(name);
        return v != null && v.asBoolean();
    }

    static List<String> texts(ObjectNode input, String name) {
        List<String> out = new ArrayList<>();
        input.path(name).forEach(n -> out.add(n.asText()));
        return out;
    }

    private static boolean allText(JsonNode array) {
        for (JsonNode n : array) if (!n.isTextual()) return false;
        return true;
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) if (n.asText().equals(value)) return true;
        return false;
    }

    private static String article(String type) {
        return switch (type) {
            case "integer" -> "a whole number";
            case "boolean" -> "true or false";
            case "array" -> "a list of texts";
            default -> "a text";
        };
    }
}
