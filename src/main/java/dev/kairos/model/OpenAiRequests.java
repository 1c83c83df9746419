package dev.kairos.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.core.JsonValue;
import com.openai.models.FunctionDefinition;
import com.openai.models.FunctionParameters;
import com.openai.models.chat.completions.ChatCompletionAssistantMessageParam;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionFunctionTool;
import com.openai.models.chat.completions.ChatCompletionMessageFunctionToolCall;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.chat.completions.ChatCompletionToolMessageParam;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Writes a {@link ModelRequest} as Chat Completions parameters. Chat Completions has no cache breakpoints: OpenAI
 * caches the longest shared prefix by itself, steered by {@code prompt_cache_key}.
 */
final class OpenAiRequests {

    private OpenAiRequests() {}

    @SuppressWarnings("deprecation") // max_tokens: deprecated by OpenAI, still what most compatible servers read
    static ChatCompletionCreateParams params(Endpoint endpoint, ModelRequest request, boolean stream) {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model(endpoint.model());
        if ("openai".equals(endpoint.provider())) {
            // OpenAI's reasoning models refuse max_tokens; compatible servers often know only max_tokens.
            params.maxCompletionTokens(request.maxTokens());
        } else {
            params.maxTokens(request.maxTokens());
        }
        if (request.cacheKey() != null) {
            params.promptCacheKey(request.cacheKey());
        }
        if (stream) {
            params.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        }
        if (!request.system().isEmpty()) {
            params.addSystemMessage(request.system().stream().map(SystemBlock::text)
                    .collect(Collectors.joining("\n\n")));
        }
        request.tools().forEach(tool -> params.addTool(tool(tool)));
        request.messages().forEach(message -> add(params, message));
        return params.build();
    }

    private static ChatCompletionFunctionTool tool(ToolSpec spec) {
        FunctionParameters.Builder parameters = FunctionParameters.builder();
        for (Map.Entry<String, JsonNode> field : spec.inputSchema().properties()) {
            parameters.putAdditionalProperty(field.getKey(), JsonValue.fromJsonNode(field.getValue()));
        }
        return ChatCompletionFunctionTool.builder()
                .function(FunctionDefinition.builder()
                        .name(spec.name())
                        .description(spec.description())
                        .parameters(parameters.build())
                        .build())
                .build();
    }

    /**
     * A user message's tool results become {@code tool} messages, which must directly follow the assistant's
     * tool calls; its text follows them as a user message.
     */
    private static void add(ChatCompletionCreateParams.Builder params, Message message) {
        StringBuilder text = new StringBuilder();
        if (message.role() == Message.Role.USER) {
            for (Content content : message.content()) {
                switch (content) {
                    case Content.Text t -> text.append(text.isEmpty() ? "" : "\n\n").append(t.text());
                    case Content.ToolResult result -> params.addMessage(ChatCompletionToolMessageParam.builder()
                            .toolCallId(result.toolUseId())
                            // Chat Completions has no error flag on a tool result: say it in the text.
                            .content(result.isError() ? "Error: " + result.content() : result.content())
                            .build());
                    case Content.ToolUse use -> throw new IllegalArgumentException(
                            "a user message cannot hold a tool call (" + use.name() + ")");
                }
            }
            if (!text.isEmpty()) {
                params.addUserMessage(text.toString());
            }
            return;
        }
        ChatCompletionAssistantMessageParam.Builder assistant = ChatCompletionAssistantMessageParam.builder();
        boolean calls = false;
        for (Content content : message.content()) {
            switch (content) {
                case Content.Text t -> text.append(t.text());
                case Content.ToolUse use -> {
                    calls = true;
                    assistant.addToolCall(ChatCompletionMessageFunctionToolCall.builder()
                            .id(use.id())
                            .function(ChatCompletionMessageFunctionToolCall.Function.builder()
                                    .name(use.name())
                                    .arguments(use.input().toString())
                                    .build())
                            .build());
                }
                case Content.ToolResult result -> throw new IllegalArgumentException(
                        "an assistant message cannot hold a tool result (" + result.toolUseId() + ")");
            }
        }
        if (!text.isEmpty() || !calls) {
            assistant.content(text.toString());
        }
        params.addMessage(assistant.build());
    }
}
