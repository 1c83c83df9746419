package dev.kairos.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake speaks the wire formats well enough that the official SDKs, used directly, parse every reply. */
class FakeModelServerSpeaksBothSdksTest {

    private final FakeModelServer server = FakeModelServer.start();

    @AfterEach
    void close() {
        server.close();
    }

    private AnthropicClient anthropic() {
        return AnthropicOkHttpClient.builder().baseUrl(server.baseUrl()).apiKey("test-key").maxRetries(0).build();
    }

    private OpenAIClient openAi() {
        return OpenAIOkHttpClient.builder().baseUrl(server.baseUrl() + "/v1").apiKey("test-key").maxRetries(0)
                .build();
    }

    private static MessageCreateParams anthropicParams() {
        return MessageCreateParams.builder().model("claude-sonnet-4-5").maxTokens(100).system("Be brief.")
                .addUserMessage("Say hello").build();
    }

    private static ChatCompletionCreateParams openAiParams() {
        return ChatCompletionCreateParams.builder().model("gpt-4.1").addSystemMessage("Be brief.")
                .addUserMessage("Say hello").build();
    }

    @Test
    void anthropicSdkReadsPlainAndStreamedMessagesWithToolUse() {
        server.enqueue(Reply.text("Looking.").andToolUse("read_file", "{\"path\":\"a.txt\"}").cache(3, 5));
        server.enqueue(Reply.text("Streamed hello there").andToolUse("list", "{\"dir\":\"/tmp\",\"deep\":true}"));

        Message plain = anthropic().messages().create(anthropicParams());
        MessageAccumulator accumulator = MessageAccumulator.create();
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic().messages().createStreaming(
                anthropicParams())) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Message streamed = accumulator.message();

        assertThat(plain.content().get(0).asText().text()).isEqualTo("Looking.");
        assertThat(plain.content().get(1).asToolUse().name()).isEqualTo("read_file");
        assertThat(plain.usage().cacheReadInputTokens()).contains(5L);
        assertThat(plain.usage().cacheCreationInputTokens()).contains(3L);
        assertThat(streamed.content().get(0).asText().text()).isEqualTo("Streamed hello there");
        assertThat(streamed.content().get(1).asToolUse()._input().toString()).contains("/tmp");
        assertThat(streamed.usage().inputTokens()).isEqualTo(server.requests().get(1).inputTokens());
        assertThat(streamed.usage().outputTokens()).isPositive();
        assertThat(server.requests().get(1).streamed()).isTrue();
    }

    @Test
    void openAiSdkReadsPlainAndStreamedCompletionsWithToolCalls() {
        server.enqueue(Reply.text("Looking.").andToolUse("read_file", "{\"path\":\"a.txt\"}").cache(0, 4));
        server.enqueue(Reply.text("Streamed hello there").andToolUse("list", "{\"dir\":\"/tmp\"}"));

        ChatCompletion plain = openAi().chat().completions().create(openAiParams());
        ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
        ChatCompletionCreateParams streamParams = openAiParams().toBuilder()
                .streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build()).build();
        try (var stream = openAi().chat().completions().createStreaming(streamParams)) {
            stream.stream().forEach((ChatCompletionChunk chunk) -> accumulator.accumulate(chunk));
        }
        ChatCompletion streamed = accumulator.chatCompletion();

        assertThat(plain.choices().get(0).message().content()).contains("Looking.");
        assertThat(plain.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction().function().name())
                .isEqualTo("read_file");
        assertThat(plain.usage().orElseThrow().promptTokensDetails().orElseThrow().cachedTokens()).contains(4L);
        assertThat(streamed.choices().get(0).message().content()).contains("Streamed hello there");
        assertThat(streamed.choices().get(0).message().toolCalls().orElseThrow().get(0).asFunction().function()
                .arguments()).isEqualTo("{\"dir\":\"/tmp\"}");
        assertThat(streamed.usage().orElseThrow().promptTokens()).isEqualTo(server.requests().get(1).inputTokens());
    }

    @Test
    void countsTheSameInputTokensInBothWireFormats() {
        anthropic().messages().create(anthropicParams());
        openAi().chat().completions().create(openAiParams());

        assertThat(server.requests().get(0).inputTokens()).isEqualTo(server.requests().get(1).inputTokens())
                .isEqualTo(WireTokens.count("Be brief.") + WireTokens.count("Say hello"));
        assertThat(server.inputTokensReceived()).isEqualTo(2 * server.requests().get(0).inputTokens());
    }

    @Test
    void errorsComeInEachProvidersShape() {
        server.enqueue(Reply.error(401)).enqueue(Reply.error(401));

        assertThatThrownBy(() -> anthropic().messages().create(anthropicParams()))
                .isInstanceOf(com.anthropic.errors.UnauthorizedException.class)
                .hasMessageContaining("authentication_error");
        assertThatThrownBy(() -> openAi().chat().completions().create(openAiParams()))
                .isInstanceOfSatisfying(com.openai.errors.UnauthorizedException.class,
                        e -> assertThat(e.code()).contains("invalid_api_key"));
    }
}
