package dev.kairos.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/** A parsed YAML file that remembers the line of every key, so errors can point at it. */
final class YamlDocument {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    final String fileName;
    final ObjectNode root;
    private final Map<String, Integer> lines;

    private YamlDocument(String fileName, ObjectNode root, Map<String, Integer> lines) {
        this.fileName = fileName;
        this.root = root;
        this.lines = lines;
    }

    static YamlDocument parse(String fileName, String text) {
        try {
            JsonNode tree = MAPPER.readTree(text);
            if (tree == null || tree.isNull() || tree.isMissingNode()) {
                return new YamlDocument(fileName, JsonNodeFactory.instance.objectNode(), Map.of());
            }
            if (!tree.isObject()) {
                throw new ConfigError(fileName + ":1: expected keys like 'heartbeat:' at the top level, found "
                        + describe(tree) + "; see the comments in a fresh 'kairos init' file");
            }
            return new YamlDocument(fileName, (ObjectNode) tree, keyLines(fileName, text));
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            String problem = e.getOriginalMessage().lines().findFirst().orElse("syntax error").strip();
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException marked
                    && marked.getProblemMark() != null) {
                line = marked.getProblemMark().getLine() + 1;
                problem = marked.getProblem();
            }
            throw new ConfigError(fileName + ":" + Math.max(line, 1) + ": not valid YAML: " + problem
                    + "; check the indentation (spaces, not tabs) and the ':' after each key", e);
        }
    }

    /** The 1-based line of a key given as a JSON pointer ("/heartbeat/every"), or of its nearest known parent. */
    int line(String pointer) {
        String p = pointer;
        while (!p.isEmpty()) {
            Integer l = lines.get(p);
            if (l != null) return l;
            p = p.substring(0, Math.max(p.lastIndexOf('/'), 0));
        }
        return 1;
    }

    /** The line of every key and value by JSON pointer; a key given twice in one mapping is an error naming both. */
    private static Map<String, Integer> keyLines(String fileName, String text) throws JsonProcessingException {
        Map<String, Integer> lines = new HashMap<>();
        Map<String, Integer> keys = new HashMap<>();
        try (JsonParser parser = FACTORY.createParser(text)) {
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                if (token == JsonToken.FIELD_NAME || token.isScalarValue() || token.isStructStart()) {
                    String pointer = parser.getParsingContext().pathAsPointer().toString();
                    int line = parser.currentTokenLocation().getLineNr();
                    Integer first = token == JsonToken.FIELD_NAME ? keys.putIfAbsent(pointer, line) : null;
                    if (first != null) {
                        throw new ConfigError(fileName + ":" + line + ": " + pointer.substring(1).replace('/', '.')
                                + ": given twice (first at line " + first + "); keep one");
                    }
                    lines.putIfAbsent(pointer, line);
                }
            }
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return lines;
    }

    static String describe(JsonNode node) {
        if (node.isTextual()) return "the text '" + node.asText() + "'";
        if (node.isNumber()) return "the number " + node.asText();
        if (node.isBoolean()) return node.asText();
        if (node.isArray()) return "a list";
        if (node.isObject()) return "a section of keys";
        return "nothing";
    }
}
