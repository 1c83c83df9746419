package dev.kairos.tool;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.config.PolicyRules;
import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ToolsTest {
    @TempDir Path root;
    final Tools tools = Tools.standard(Processes.runner(), Sandbox.none());

    @Test
    void theStandardToolsAreTheOnesPolicyRulesMayName() {
        assertThat(tools.all().stream().map(Tool::name).toList()).isEqualTo(PolicyRules.TOOLS);
    }

    @Test
    void everyToolHasAnObjectSchemaAndARisk() {
        Map<String, Risk> risks = tools.all().stream().collect(Collectors.toMap(Tool::name, Tool::risk));
        assertThat(risks).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("read_file", Risk.READ), Map.entry("list_files", Risk.READ),
                Map.entry("search_files", Risk.READ), Map.entry("write_file", Risk.WRITE),
                Map.entry("edit_file", Risk.WRITE), Map.entry("run_command", Risk.EXEC), Map.entry("git", Risk.WRITE),
                Map.entry("remember", Risk.WRITE), Map.entry("memory_search", Risk.READ),
                Map.entry("memory_get", Risk.READ), Map.entry("schedule", Risk.WRITE),
                Map.entry("notify_user", Risk.SEND), Map.entry("reply", Risk.SEND),
                Map.entry("message_user", Risk.SEND)));
        for (Tool t : tools.all()) {
            assertThat(t.inputSchema().path("type").asText()).as(t.name()).isEqualTo("object");
            assertThat(t.description()).as(t.name()).isNotBlank();
        }
    }

    @Test
    void theInputNamesOfTheContractHold() {
        assertThat(properties("read_file")).containsExactly("path");
        assertThat(properties("write_file")).containsExactly("path", "content");
        assertThat(properties("edit_file")).containsExactly("path", "old", "new");
        assertThat(properties("run_command")).containsExactly("command", "cwd");
        assertThat(properties("remember")).containsExactly("text");
        assertThat(required("run_command")).containsExactly("command");
    }

    @Test
    void anUnknownToolIsAnErrorResult() {
        ToolResult r = tools.call("rm_rf", Input.of(), ToolContext.at(root, SettableClock.at("2026-11-25T10:00:00Z")));
        assertThat(r.isError()).isTrue();
        assertThat(r.content()).startsWith("no tool named 'rm_rf'; the tools are read_file, list_files");
    }

    private List<String> properties(String tool) {
        List<String> names = new ArrayList<>();
        tools.get(tool).orElseThrow().inputSchema().path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }

    private List<String> required(String tool) {
        List<String> names = new ArrayList<>();
        for (JsonNode n : tools.get(tool).orElseThrow().inputSchema().path("required")) names.add(n.asText());
        return names;
    }
}
