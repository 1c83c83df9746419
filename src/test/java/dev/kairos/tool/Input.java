package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Tool inputs for tests: {@code Input.of("path", "a.txt", "content", "hi")}. */
final class Input {
    private Input() {}

    static ObjectNode of(Object... keyValues) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < keyValues.length; i += 2) {
            String key = (String) keyValues[i];
            Object v = keyValues[i + 1];
            if (v instanceof Integer x) n.put(key, x);
            else if (v instanceof Boolean b) n.put(key, b);
            else if (v instanceof java.util.List<?> list) list.forEach(e -> n.withArray(key).add(e.toString()));
            else n.put(key, v.toString());
        }
        return n;
    }
}
