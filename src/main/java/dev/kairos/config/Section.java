package dev.kairos.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * One mapping of kairos.yaml being read into records. Each read declares a key as known; {@link #finish()} then
 * reports the first unknown key with a "did you mean". Every error names the file, the line and the key.
 */
final class Section {
    private final YamlDocument doc;
    private final String pointer;
    private final ObjectNode node;
    private final Set<String> known = new LinkedHashSet<>();

    Section(YamlDocument doc, String pointer, ObjectNode node) {
        this.doc = doc;
        this.pointer = pointer;
        this.node = node;
    }

    static Section root(YamlDocument doc) {
        return new Section(doc, "", doc.root);
    }

    String string(String key, String fallback) {
        return scalar(key, "text", fallback, n -> n.isValueNode() && !n.isNull() ? n.asText() : null);
    }

    int integer(String key, int fallback, int min, int max) {
        int value = scalar(key, "a whole number", fallback, n -> n.canConvertToInt() && n.isIntegralNumber()
                || n.isTextual() && n.asText().matches("-?\\d{1,9}") ? n.asInt() : null);
        if (value < min || value > max) throw error(key, "must be between " + min + " and " + max + ", found " + value);
        return value;
    }

    double decimal(String key, double fallback) {
        double value = scalar(key, "a number", fallback, n -> n.isNumber() ? Double.valueOf(n.asDouble())
                : n.isTextual() && n.asText().matches("\\d+(\\.\\d+)?") ? Double.valueOf(n.asText()) : null);
        if (value < 0) throw error(key, "must not be negative, found " + value);
        return value;
    }

    boolean bool(String key, boolean fallback) {
        return scalar(key, "true or false", fallback, n -> n.isBoolean() ? n.asBoolean() : null);
    }

    Duration duration(String key, Duration fallback, Duration min) {
        String text = string(key, null);
        if (text == null) return fallback;
        Duration d;
        try {
            d = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw error(key, "'" + text + "' is not a duration; use e.g. 30s, 5m, 2h or 1d");
        }
        if (d.compareTo(min) < 0) throw error(key, "must be at least " + Durations.format(min) + ", found " + text);
        if (d.compareTo(Duration.ofDays(365)) > 0) throw error(key, "must be at most 365d, found " + text);
        return d;
    }

    /** A value parsed by {@code parse}, which throws IllegalArgumentException with what is allowed. */
    <T> T parsed(String key, T fallback, Function<String, T> parse) {
        String text = string(key, null);
        if (text == null || text.isBlank()) return fallback;
        try {
            return parse.apply(text.strip());
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    List<String> strings(String key) {
        known.add(key);
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) return List.of();
        if (!n.isArray()) throw error(key, "expected a list like [a, b], found " + YamlDocument.describe(n));
        List<String> out = new ArrayList<>();
        for (JsonNode item : n) {
            if (!item.isValueNode()) throw error(key, "expected a list of texts, found " + YamlDocument.describe(item));
            out.add(item.asText());
        }
        return out;
    }

    Section section(String key) {
        known.add(key);
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) return new Section(doc, pointer + "/" + key, JsonNodeFactory.instance.objectNode());
        if (!n.isObject()) throw error(key, "expected a section of keys, found " + YamlDocument.describe(n));
        return new Section(doc, pointer + "/" + key, (ObjectNode) n);
    }

    List<Section> sections(String key) {
        known.add(key);
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) return List.of();
        if (!n.isArray()) throw error(key, "expected a list of sections ('- path: ...'), found " + YamlDocument.describe(n));
        List<Section> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            JsonNode item = n.get(i);
            String p = pointer + "/" + key + "/" + i;
            if (!item.isObject()) {
                throw new ConfigError(doc.fileName + ":" + doc.line(p) + ": " + dotted(p)
                        + ": expected keys like 'path: ...', found " + YamlDocument.describe(item));
            }
            out.add(new Section(doc, p, (ObjectNode) item));
        }
        return out;
    }

    /** Names of the keys present, in file order (for maps such as per-model prices). */
    List<String> keys() {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        known.addAll(out);
        return out;
    }

    /** Reports the first key that no read declared. */
    void finish() {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (known.contains(key)) continue;
            String hint = closest(key).map(k -> "did you mean '" + k + "'? ").orElse("");
            throw error(key, "unknown key; " + hint + "allowed here: " + String.join(", ", known));
        }
    }

    ConfigError error(String key, String message) {
        String p = pointer + "/" + key;
        return new ConfigError(doc.fileName + ":" + doc.line(p) + ": " + dotted(p) + ": " + message);
    }

    private <T> T scalar(String key, String expected, T fallback, Function<JsonNode, T> read) {
        known.add(key);
        JsonNode n = node.get(key);
        if (n == null || n.isNull()) return fallback;
        T value = read.apply(n);
        if (value == null) throw error(key, "expected " + expected + ", found " + YamlDocument.describe(n));
        return value;
    }

    private Optional<String> closest(String key) {
        return known.stream()
                .filter(k -> Levenshtein.distance(k.toLowerCase(), key.toLowerCase()) <= Math.max(2, k.length() / 3))
                .min(Comparator.comparingInt(k -> Levenshtein.distance(k.toLowerCase(), key.toLowerCase())));
    }

    private static String dotted(String pointer) {
        return pointer.substring(1).replace('/', '.');
    }
}
