package dev.kairos.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.model.Tokens;
import dev.kairos.testkit.Processes;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every model call carries every offered tool's schema, so the schemas are a cost paid on each call. They are
 * counted as the bench counts them (name + description + input schema as the Anthropic client sends it, an empty
 * {@code required} left out), and the total must stay under a ceiling: a schema that grows back fails here.
 */
class ToolSchemasStayUnderATokenCeilingTest {
    /**
     * The 14 standard tools measured 1,439 o200k tokens before they were trimmed and 885 after; 902 once remember
     * said that the user's words in a chat are kept already (one call fewer for each "please remember").
     */
    static final int CEILING = 910;

    @Test
    void theStandardToolSchemasStayUnderTheirCeiling() {
        Map<String, Integer> perTool = new LinkedHashMap<>();
        for (Tool t : Tools.standard(Processes.runner(), Sandbox.none()).all()) perTool.put(t.name(), tokens(t));
        int total = perTool.values().stream().mapToInt(Integer::intValue).sum();
        assertThat(total).as("o200k tokens of all tool schemas: %s", perTool).isLessThanOrEqualTo(CEILING);
    }

    static int tokens(Tool t) {
        ObjectNode schema = t.inputSchema();
        if (schema.path("required").isEmpty()) schema.remove("required");
        return Tokens.count(t.name()) + Tokens.count(t.description()) + Tokens.count(schema.toString());
    }
}
