package dev.kairos.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.http.Headers;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIRetryableException;
import com.openai.errors.OpenAIServiceException;
import com.openai.helpers.ChatCompletionAccumulator;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionMessage;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.completions.CompletionUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** OpenAI, Ollama and any OpenAI-compatible server, through the official openai-java SDK's Chat Completions. */
final class OpenAiModelClient implements ModelClient {

    private static final ObjectMapper JSON = dev.kairos.json.Json.MAPPER;
    /** Local servers need no key, but the SDK sends one anyway. */
    private static final String NO_KEY = "no-key";

    private final Endpoint endpoint;
    private final OpenAIClient client;
    private final Retry retry;

    OpenAiModelClient(Endpoint endpoint, Retry retry) {
        this.endpoint = endpoint;
        this.retry = retry;
        this.client = OpenAIOkHttpClient.builder()
                .baseUrl(endpoint.baseUrl())
                .apiKey(endpoint.apiKey() == null ? NO_KEY : endpoint.apiKey())
                .timeout(endpoint.timeout())
                .maxRetries(0) // Retry does it, the same way for every provider
                .build();
    }

    @Override
    public ModelResponse complete(ModelRequest request) {
        ChatCompletionCreateParams params = OpenAiRequests.params(endpoint, request, false);
        return retry.call(() -> translated(() -> response(client.chat().completions().create(params), request)));
    }

    @Override
    public ModelResponse stream(ModelRequest request, Consumer<String> textDeltas) {
        ChatCompletionCreateParams params = OpenAiRequests.params(endpoint, request, true);
        return retry.call(() -> {
            boolean[] emitted = {false};
            try {
                return translated(() -> {
                    ChatCompletionAccumulator accumulator = ChatCompletionAccumulator.create();
                    try (StreamResponse<ChatCompletionChunk> chunks =
                            client.chat().completions().createStreaming(params)) {
                        chunks.stream().forEach(chunk -> {
                            accumulator.accumulate(chunk);
                            chunk.choices().forEach(choice -> choice.delta().content()
                                    .filter(text -> !text.isEmpty())
                                    .ifPresent(text -> {
                                        emitted[0] = true;
                                        textDeltas.accept(text);
                                    }));
                        });
                    }
                    return response(accumulator.chatCompletion(), request);
                });
            } catch (ModelException e) {
                // Once text reached the caller, sending the request again would repeat it.
                throw emitted[0] && e.retryable() ? e.finalAfter(" (the reply broke off mid-stream)") : e;
            }
        });
    }

    @Override
    public String provider() {
        return endpoint.provider();
    }

    @Override
    public String model() {
        return endpoint.model();
    }

    private ModelResponse response(ChatCompletion completion, ModelRequest request) {
        if (completion.choices().isEmpty()) {
            throw Failures.badResponse(endpoint, new IllegalStateException("the completion has no choices"));
        }
        ChatCompletion.Choice choice = completion.choices().get(0);
        ChatCompletionMessage message = choice.message();
        List<Content> content = new ArrayList<>();
        message.content().filter(text -> !text.isEmpty()).ifPresent(text -> content.add(new Content.Text(text)));
        for (ChatCompletionMessageToolCall call : message.toolCalls().orElse(List.of())) {
            call.function().ifPresent(f -> content.add(new Content.ToolUse(
                    f.id(), f.function().name(), arguments(f.function().arguments()))));
        }
        boolean calls = content.stream().anyMatch(Content.ToolUse.class::isInstance);
        return new ModelResponse(content, stopReason(choice.finishReason().asString(), calls),
                usage(completion, request, content), completion.model());
    }

    /** Some compatible servers say "stop" even when the reply calls tools; the calls decide. */
    private static StopReason stopReason(String finish, boolean calls) {
        if (calls) {
            return StopReason.TOOL_USE;
        }
        return switch (finish) {
            case "stop" -> StopReason.END_TURN;
            case "tool_calls", "function_call" -> StopReason.TOOL_USE;
            case "length" -> StopReason.MAX_TOKENS;
            default -> StopReason.OTHER;
        };
    }

    /**
     * OpenAI counts cached tokens inside prompt_tokens; Kairos keeps them apart. A server that reports no usage
     * (some compatible ones, when streaming) gets an o200k_base estimate rather than a free call.
     */
    private static Usage usage(ChatCompletion completion, ModelRequest request, List<Content> content) {
        if (completion.usage().isEmpty()) {
            long output = content.stream().mapToLong(c -> switch (c) {
                case Content.Text t -> Tokens.count(t.text());
                case Content.ToolUse u -> Tokens.count(u.name()) + Tokens.count(u.input().toString());
                case Content.ToolResult r -> 0;
            }).sum();
            return new Usage(Tokens.count(request), output, 0, 0);
        }
        CompletionUsage usage = completion.usage().get();
        long cached = usage.promptTokensDetails().flatMap(d -> d.cachedTokens()).orElse(0L);
        long written = usage.promptTokensDetails().flatMap(d -> d.cacheWriteTokens()).orElse(0L);
        long input = Math.max(0, usage.promptTokens() - cached - written);
        return new Usage(input, usage.completionTokens(), written, cached);
    }

    /** Models now and then write arguments that are not a JSON object; the tool layer reports that to the model. */
    private static ObjectNode arguments(String json) {
        try {
            JsonNode node = JSON.readTree(json == null || json.isBlank() ? "{}" : json);
            if (node instanceof ObjectNode object) {
                return object;
            }
        } catch (java.io.IOException e) {
            // fall through
        }
        ObjectNode invalid = JSON.createObjectNode();
        invalid.put("invalid_json_arguments", json);
        return invalid;
    }

    /** Runs one SDK call and maps each of its failures to a {@link ModelException}. */
    private <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (OpenAIServiceException e) {
            Headers headers = e.headers();
            return throwing(Failures.http(endpoint, e.statusCode(), apiMessage(e), e.code().orElse(null),
                    Failures.retryAfter(first(headers, "retry-after-ms"), first(headers, "retry-after")), e));
        } catch (OpenAIIoException | OpenAIRetryableException e) {
            return throwing(Failures.io(endpoint, e));
        } catch (OpenAIInvalidDataException e) {
            return throwing(Failures.badResponse(endpoint, e));
        } catch (OpenAIException e) {
            return throwing(Failures.badResponse(endpoint, e));
        }
    }

    private static String apiMessage(OpenAIServiceException e) {
        try {
            // The SDK hands over the "error" object; a compatible server may send the whole envelope.
            JsonNode body = e.body().convert(JsonNode.class);
            if (body != null && body.path("message").isTextual()) {
                return body.path("message").asText();
            }
            if (body != null && body.path("error").path("message").isTextual()) {
                return body.path("error").path("message").asText();
            }
        } catch (RuntimeException ignored) {
            // a body that is not the usual error shape: use the SDK's message
        }
        return e.getMessage();
    }

    private static String first(Headers headers, String name) {
        List<String> values = headers.values(name);
        return values.isEmpty() ? null : values.get(0);
    }

    private static <T> T throwing(ModelException e) {
        throw e;
    }
}
