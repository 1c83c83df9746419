package dev.kairos.model;

import com.anthropic.client.AnthropicClient;
import com.anthropic.client.okhttp.AnthropicOkHttpClient;
import com.anthropic.core.http.Headers;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicException;
import com.anthropic.errors.AnthropicInvalidDataException;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicRetryableException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.helpers.MessageAccumulator;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Claude through the official anthropic-java SDK. */
final class AnthropicModelClient implements ModelClient {

    private final Endpoint endpoint;
    private final AnthropicClient client;
    private final Retry retry;

    AnthropicModelClient(Endpoint endpoint, Retry retry) {
        this.endpoint = endpoint;
        this.retry = retry;
        this.client = AnthropicOkHttpClient.builder()
                .baseUrl(endpoint.baseUrl())
                .apiKey(endpoint.apiKey())
                .timeout(endpoint.timeout())
                .maxRetries(0) // Retry does it, the same way for every provider
                .build();
    }

    @Override
    public ModelResponse complete(ModelRequest request) {
        MessageCreateParams params = AnthropicRequests.params(endpoint.model(), request);
        return retry.call(() -> translated(() -> response(client.messages().create(params))));
    }

    @Override
    public ModelResponse stream(ModelRequest request, Consumer<String> textDeltas) {
        MessageCreateParams params = AnthropicRequests.params(endpoint.model(), request);
        return retry.call(() -> {
            boolean[] emitted = {false};
            try {
                return translated(() -> {
                    MessageAccumulator accumulator = MessageAccumulator.create();
                    try (StreamResponse<RawMessageStreamEvent> events = client.messages().createStreaming(params)) {
                        events.stream().forEach(event -> {
                            accumulator.accumulate(event);
                            event.contentBlockDelta().flatMap(delta -> delta.delta().text()).ifPresent(text -> {
                                emitted[0] = true;
                                textDeltas.accept(text.text());
                            });
                        });
                    }
                    try {
                        return response(accumulator.message());
                    } catch (IllegalStateException unfinished) { // no message_stop: not Anthropic's event stream
                        throw new AnthropicInvalidDataException("the stream ended before its message_stop event "
                                + "(does this server stream Anthropic's server-sent events?)", unfinished);
                    }
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

    private ModelResponse response(com.anthropic.models.messages.Message message) {
        List<Content> content = new ArrayList<>();
        for (ContentBlock block : message.content()) {
            block.text().filter(text -> !text.text().isEmpty())
                    .ifPresent(text -> content.add(new Content.Text(text.text())));
            block.toolUse().ifPresent(use -> content.add(
                    new Content.ToolUse(use.id(), use.name(), object(use._input().convert(JsonNode.class)))));
            // Thinking and server-tool blocks are not part of Kairos' conversation model; they are dropped.
        }
        com.anthropic.models.messages.Usage usage = message.usage();
        return new ModelResponse(
                content,
                message.stopReason().map(AnthropicModelClient::stopReason).orElse(StopReason.OTHER),
                new Usage(usage.inputTokens(), usage.outputTokens(), usage.cacheCreationInputTokens().orElse(0L),
                        usage.cacheReadInputTokens().orElse(0L)),
                message.model().asString());
    }

    private static StopReason stopReason(com.anthropic.models.messages.StopReason reason) {
        String value = reason.asString();
        return switch (value) {
            case "end_turn" -> StopReason.END_TURN;
            case "tool_use" -> StopReason.TOOL_USE;
            case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
            default -> StopReason.OTHER;
        };
    }

    private static ObjectNode object(JsonNode node) {
        return node instanceof ObjectNode object ? object : JsonNodeFactory.instance.objectNode();
    }

    /** Runs one SDK call and maps each of its failures to a {@link ModelException}. */
    private <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (AnthropicServiceException e) {
            Headers headers = e.headers();
            return throwing(Failures.http(endpoint, e.statusCode(), e.apiMessage().orElse(e.getMessage()),
                    e.errorCode().orElse(null),
                    Failures.retryAfter(first(headers, "retry-after-ms"), first(headers, "retry-after")), e));
        } catch (AnthropicIoException | AnthropicRetryableException e) {
            return throwing(Failures.io(endpoint, e));
        } catch (AnthropicInvalidDataException e) {
            return throwing(Failures.badResponse(endpoint, e));
        } catch (AnthropicException e) {
            // Anything else the SDK reports (credentials, unexpected shapes) is about what came back.
            return throwing(Failures.badResponse(endpoint, e));
        }
    }

    private static String first(Headers headers, String name) {
        List<String> values = headers.values(name);
        return values.isEmpty() ? null : values.get(0);
    }

    private static <T> T throwing(ModelException e) {
        throw e;
    }
}
