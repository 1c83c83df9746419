package dev.kairos.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testkit.FakeModelServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Anthropic request carries cache_control on exactly the blocks marked as breakpoints, and nowhere else. */
class AnthropicCacheBreakpointsTest {

    private static final JsonNode EPHEMERAL = Requests.json("{\"type\":\"ephemeral\"}");

    private final FakeModelServer server = FakeModelServer.start();
    private final ModelClient client = Provider.ANTHROPIC.client(server, new RecordingSleeper());

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void markedSystemBlockAndLastBlockOfMarkedMessageCarryCacheControl() {
        client.complete(Requests.withToolHistory());

        JsonNode body = server.lastRequest().body();
        assertThat(body.at("/system/0/cache_control")).isEqualTo(EPHEMERAL);
        assertThat(body.at("/messages/2/content/1/cache_control")).isEqualTo(EPHEMERAL);
        assertThat(paths(body)).containsExactlyInAnyOrder("/system/0", "/messages/2/content/1");
    }

    @Test
    void streamedRequestMarksTheSameBlocks() {
        client.stream(Requests.withToolHistory(), text -> {});

        assertThat(paths(server.lastRequest().body()))
                .containsExactlyInAnyOrder("/system/0", "/messages/2/content/1");
    }

    @Test
    void breakpointOnAMessageEndingInAToolResultMarksTheToolResult() {
        ModelRequest request = new ModelRequest(List.of(new SystemBlock("sys", false)), List.of(Requests.readFile()),
                List.of(Message.user("read it"),
                        Message.assistant(List.of(new Content.ToolUse("t1", "read_file",
                                Requests.json("{\"path\":\"a\"}")))).withCacheBreakpoint(true),
                        new Message(Message.Role.USER, List.of(new Content.ToolResult("t1", "no such file", true)),
                                true)),
                100, null);

        client.complete(request);

        JsonNode body = server.lastRequest().body();
        assertThat(paths(body)).containsExactlyInAnyOrder("/messages/1/content/0", "/messages/2/content/0");
        assertThat(body.at("/messages/1/content/0/type").asText()).isEqualTo("tool_use");
        assertThat(body.at("/messages/2/content/0/type").asText()).isEqualTo("tool_result");
        assertThat(body.at("/messages/2/content/0/is_error").asBoolean()).isTrue();
        assertThat(body.at("/messages/2/content/0/tool_use_id").asText()).isEqualTo("t1");
    }

    @Test
    void blankTextBesideAToolCallIsLeftOutAndTheBreakpointMovesToTheLastSentBlock() {
        ModelRequest request = new ModelRequest(List.of(), List.of(Requests.readFile()), List.of(
                Message.user("read a"),
                new Message(Message.Role.ASSISTANT, List.of(
                        new Content.ToolUse("t1", "read_file", Requests.json("{\"path\":\"a\"}")),
                        new Content.Text("  ")), true),
                new Message(Message.Role.USER, List.of(new Content.ToolResult("t1", "hi", false)), false)),
                100, null);

        client.complete(request);

        JsonNode body = server.lastRequest().body();
        assertThat(body.at("/messages/1/content").size()).isEqualTo(1);
        assertThat(paths(body)).containsExactly("/messages/1/content/0");
    }

    @Test
    void unmarkedRequestHasNoCacheControlAtAll() {
        client.complete(Requests.hello());

        assertThat(paths(server.lastRequest().body())).isEmpty();
    }

    @Test
    void toolSchemasTravelWhole() {
        client.complete(Requests.withToolHistory());

        JsonNode tool = server.lastRequest().body().at("/tools/0");
        assertThat(tool.path("name").asText()).isEqualTo("read_file");
        assertThat(tool.path("input_schema")).isEqualTo(Requests.readFile().inputSchema());
    }

    @Test
    void moreThanFourBreakpointsIsRefusedBeforeAnythingIsSent() {
        List<SystemBlock> system = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            system.add(new SystemBlock("part " + i, true));
        }

        assertThatThrownBy(() -> new ModelRequest(system, List.of(), List.of(Message.user("hi")), 10, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 4 cache breakpoints");
        assertThat(server.requestCount()).isZero();
    }

    /** JSON pointers of every object holding cache_control. */
    private static List<String> paths(JsonNode body) {
        List<String> found = new ArrayList<>();
        collect(body, "", found);
        return found;
    }

    private static void collect(JsonNode node, String path, List<String> found) {
        if (node.isObject()) {
            if (node.has("cache_control")) {
                found.add(path);
            }
            node.properties().forEach(p -> collect(p.getValue(), path + "/" + p.getKey(), found));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                collect(node.get(i), path + "/" + i, found);
            }
        }
    }
}
