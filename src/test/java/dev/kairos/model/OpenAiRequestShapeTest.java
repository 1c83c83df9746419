package dev.kairos.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.testkit.FakeModelServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Chat Completions request carries prompt_cache_key, one system message, and tool calls both ways. */
class OpenAiRequestShapeTest {

    private final FakeModelServer server = FakeModelServer.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void requestCarriesPromptCacheKey() {
        Provider.OPENAI.client(server, sleeper).complete(Requests.withToolHistory());

        assertThat(server.lastRequest().body().path("prompt_cache_key").asText()).isEqualTo("kairos-turn-7");
    }

    @Test
    void streamedRequestCarriesPromptCacheKeyAndAsksForUsage() {
        Provider.OPENAI.client(server, sleeper).stream(Requests.withToolHistory(), text -> {});

        JsonNode body = server.lastRequest().body();
        assertThat(body.path("prompt_cache_key").asText()).isEqualTo("kairos-turn-7");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.at("/stream_options/include_usage").asBoolean()).isTrue();
    }

    @Test
    void requestWithoutCacheKeySendsNone() {
        Provider.OPENAI.client(server, sleeper).complete(Requests.hello());

        assertThat(server.lastRequest().body().has("prompt_cache_key")).isFalse();
    }

    @Test
    void conversationMapsToSystemAssistantToolCallsAndToolMessages() {
        Provider.OPENAI.client(server, sleeper).complete(Requests.withToolHistory());

        JsonNode messages = server.lastRequest().body().path("messages");
        assertThat(messages.findValuesAsText("role")).containsExactly("system", "user", "assistant", "tool", "user");
        assertThat(messages.at("/0/content").asText()).isEqualTo("You are Kairos.\n\nToday is Tuesday.");
        assertThat(messages.at("/2/content").asText()).isEqualTo("Let me look.");
        assertThat(messages.at("/2/tool_calls/0/id").asText()).isEqualTo("toolu_1");
        assertThat(messages.at("/2/tool_calls/0/function/name").asText()).isEqualTo("read_file");
        assertThat(Requests.json(messages.at("/2/tool_calls/0/function/arguments").asText()))
                .isEqualTo(Requests.json("{\"path\":\"notes.txt\"}"));
        assertThat(messages.at("/3/tool_call_id").asText()).isEqualTo("toolu_1");
        assertThat(messages.at("/3/content").asText()).isEqualTo("buy milk");
        assertThat(messages.at("/4/content").asText()).isEqualTo("And summarise it.");
    }

    @Test
    void toolSchemaBecomesFunctionParameters() {
        Provider.OPENAI.client(server, sleeper).complete(Requests.withToolHistory());

        JsonNode tool = server.lastRequest().body().at("/tools/0");
        assertThat(tool.path("type").asText()).isEqualTo("function");
        assertThat(tool.at("/function/name").asText()).isEqualTo("read_file");
        assertThat(tool.at("/function/description").asText()).isEqualTo("Reads a file of the workspace.");
        assertThat(tool.at("/function/parameters")).isEqualTo(Requests.readFile().inputSchema());
    }

    @Test
    void failedToolResultSaysSoInItsText() {
        ModelRequest request = new ModelRequest(List.of(), List.of(Requests.readFile()), List.of(
                Message.user("read a"),
                Message.assistant(List.of(new Content.ToolUse("c1", "read_file", Requests.json("{\"path\":\"a\"}")))),
                new Message(Message.Role.USER, List.of(new Content.ToolResult("c1", "no such file", true)), false)),
                100, null);

        Provider.OPENAI.client(server, sleeper).complete(request);

        JsonNode messages = server.lastRequest().body().path("messages");
        assertThat(messages.findValuesAsText("role")).containsExactly("user", "assistant", "tool");
        assertThat(messages.at("/2/content").asText()).isEqualTo("Error: no such file");
        assertThat(messages.at("/1/content").isMissingNode() || messages.at("/1/content").isNull()).isTrue();
    }

    @Test
    void openAiGetsMaxCompletionTokensAndItsKeyAsBearer() {
        Provider.OPENAI.client(server, sleeper).complete(Requests.hello());

        JsonNode body = server.lastRequest().body();
        assertThat(body.path("max_completion_tokens").asInt()).isEqualTo(256);
        assertThat(body.has("max_tokens")).isFalse();
        assertThat(server.lastRequest().header("authorization")).isEqualTo("Bearer " + Provider.KEY);
        assertThat(server.lastRequest().path()).isEqualTo("/v1/chat/completions");
    }

    @Test
    void ollamaNeedsNoKeyAndGetsMaxTokens() {
        ModelClient ollama = ModelClients.create(ModelSpec.parse("ollama/llama3.2"),
                Map.of("OLLAMA_BASE_URL", server.baseUrl() + "/v1"), Duration.ofSeconds(10), sleeper);

        ModelResponse response = ollama.complete(Requests.hello());

        assertThat(response.text()).isEqualTo(FakeModelServer.DEFAULT_TEXT);
        assertThat(ollama.provider()).isEqualTo("ollama");
        assertThat(server.lastRequest().body().path("model").asText()).isEqualTo("llama3.2");
        assertThat(server.lastRequest().body().path("max_tokens").asInt()).isEqualTo(256);
    }

    @Test
    void compatibleServerWithoutV1InItsUrlIsReachedAtChatCompletions() {
        ModelClient groq = ModelClients.create(ModelSpec.parse("groq/llama-3.3-70b"),
                Map.of("GROQ_BASE_URL", server.baseUrl(), "GROQ_API_KEY", "gsk-groq"), Duration.ofSeconds(10),
                sleeper);

        groq.complete(Requests.hello());

        assertThat(server.lastRequest().path()).isEqualTo("/chat/completions");
        assertThat(server.lastRequest().header("authorization")).isEqualTo("Bearer gsk-groq");
    }
}
