package dev.kairos.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders {@link Reply} in the OpenAI Chat Completions wire format, JSON and SSE chunks, as api.openai.com does. */
final class OpenAiWire {

    /** A fixed creation time: the fake is deterministic and reads no clock. */
    private static final long CREATED = 1_764_028_800L;

    private OpenAiWire() {}

    /** Tokens of all text in the messages (system ones included), tool calls, and tool schemas. */
    static long inputTokens(JsonNode body) {
        long n = 0;
        for (JsonNode message : body.path("messages")) {
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                n += WireTokens.count(content.asText());
            } else {
                for (JsonNode part : content) {
                    n += WireTokens.count(part.path("text").asText());
                }
            }
            for (JsonNode call : message.path("tool_calls")) {
                n += WireTokens.count(call.path("function").path("name").asText())
                        + WireTokens.countJsonText(call.path("function").path("arguments").asText());
            }
        }
        for (JsonNode tool : body.path("tools")) {
            JsonNode function = tool.path("function");
            n += WireTokens.count(function.path("name").asText())
                    + WireTokens.count(function.path("description").asText())
                    + WireTokens.countJson(function.path("parameters"));
        }
        return n;
    }

    static Rendered render(Reply reply, RecordedRequest request, int sequence) {
        Map<String, String> headers = new LinkedHashMap<>(reply.headers);
        headers.put("x-request-id", "req_fake_" + sequence);
        if (reply.isError()) {
            return Rendered.json(reply.status, headers, error(reply, request));
        }
        String model = request.body().path("model").asText("gpt-fake");
        StringBuilder text = new StringBuilder();
        ArrayNode calls = WireTokens.JSON.createArrayNode();
        long output = 0;
        for (Reply.Block block : reply.blocks) {
            switch (block) {
                case Reply.TextBlock t -> {
                    text.append(t.text());
                    output += WireTokens.count(t.text());
                }
                case Reply.ToolUseBlock tool -> {
                    ObjectNode call = calls.addObject();
                    call.put("id", "call_fake_" + sequence + "_" + calls.size());
                    call.put("type", "function");
                    call.putObject("function").put("name", tool.name()).put("arguments", tool.jsonArguments());
                    output += WireTokens.count(tool.name()) + WireTokens.countJsonText(tool.jsonArguments());
                }
            }
        }
        String finish = switch (reply.stop) {
            case END_TURN -> "stop";
            case TOOL_USE -> "tool_calls";
            case MAX_TOKENS -> "length";
        };
        ObjectNode usage = usage(reply, request, output);
        if (request.streamed()) {
            boolean includeUsage = request.body().path("stream_options").path("include_usage").asBoolean(false);
            return Rendered.sse(headers, chunks(sequence, model, text.toString(), calls, finish,
                    includeUsage ? usage : null));
        }
        ObjectNode completion = envelope(sequence, model, "chat.completion");
        ObjectNode choice = completion.putArray("choices").addObject();
        choice.put("index", 0);
        ObjectNode message = choice.putObject("message");
        message.put("role", "assistant");
        if (text.isEmpty() && !calls.isEmpty()) {
            message.putNull("content");
        } else {
            message.put("content", text.toString());
        }
        message.putNull("refusal");
        message.putArray("annotations");
        if (!calls.isEmpty()) {
            message.set("tool_calls", calls);
        }
        choice.putNull("logprobs");
        choice.put("finish_reason", finish);
        completion.set("usage", usage);
        return Rendered.json(200, headers, completion.toString());
    }

    private static String chunks(int sequence, String model, String text, ArrayNode calls, String finish,
            ObjectNode usage) {
        StringBuilder sse = new StringBuilder();
        ObjectNode first = delta(sequence, model, usage);
        ((ObjectNode) first.path("choices").get(0).path("delta")).put("role", "assistant").put("content", "")
                .putNull("refusal");
        data(sse, first);
        for (String piece : Chunks.of(text)) {
            ObjectNode chunk = delta(sequence, model, usage);
            ((ObjectNode) chunk.path("choices").get(0).path("delta")).put("content", piece);
            data(sse, chunk);
        }
        for (int i = 0; i < calls.size(); i++) {
            JsonNode call = calls.get(i);
            ObjectNode opening = delta(sequence, model, usage);
            ObjectNode openingCall = ((ObjectNode) opening.path("choices").get(0).path("delta"))
                    .putArray("tool_calls").addObject();
            openingCall.put("index", i).put("id", call.path("id").asText()).put("type", "function");
            openingCall.putObject("function").put("name", call.path("function").path("name").asText())
                    .put("arguments", "");
            data(sse, opening);
            for (String piece : Chunks.of(call.path("function").path("arguments").asText())) {
                ObjectNode chunk = delta(sequence, model, usage);
                ObjectNode part = ((ObjectNode) chunk.path("choices").get(0).path("delta"))
                        .putArray("tool_calls").addObject();
                part.put("index", i).putObject("function").put("arguments", piece);
                data(sse, chunk);
            }
        }
        ObjectNode last = delta(sequence, model, usage);
        ((ObjectNode) last.path("choices").get(0)).put("finish_reason", finish);
        data(sse, last);
        if (usage != null) {
            ObjectNode tail = envelope(sequence, model, "chat.completion.chunk");
            tail.putArray("choices");
            tail.set("usage", usage);
            data(sse, tail);
        }
        sse.append("data: [DONE]\n\n");
        return sse.toString();
    }

    /** A chunk with one empty choice; when usage is requested, every chunk but the last carries usage: null. */
    private static ObjectNode delta(int sequence, String model, ObjectNode usage) {
        ObjectNode chunk = envelope(sequence, model, "chat.completion.chunk");
        ObjectNode choice = chunk.putArray("choices").addObject();
        choice.put("index", 0);
        choice.putObject("delta");
        choice.putNull("logprobs");
        choice.putNull("finish_reason");
        if (usage != null) {
            chunk.putNull("usage");
        }
        return chunk;
    }

    private static ObjectNode envelope(int sequence, String model, String object) {
        ObjectNode node = WireTokens.JSON.createObjectNode();
        node.put("id", "chatcmpl-fake-" + sequence);
        node.put("object", object);
        node.put("created", CREATED);
        node.put("model", model);
        node.put("service_tier", "default");
        node.put("system_fingerprint", "fp_fake");
        return node;
    }

    private static ObjectNode usage(Reply reply, RecordedRequest request, long countedOutput) {
        long input = reply.reportedInput(request.inputTokens());
        long output = reply.outputTokens != null ? reply.outputTokens : countedOutput;
        // OpenAI counts cached tokens inside prompt_tokens and reports them again in the details.
        long prompt = input + reply.cacheWriteTokens + reply.cacheReadTokens;
        ObjectNode usage = WireTokens.JSON.createObjectNode();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", output);
        usage.put("total_tokens", prompt + output);
        ObjectNode promptDetails = usage.putObject("prompt_tokens_details");
        promptDetails.put("cached_tokens", reply.cacheReadTokens);
        promptDetails.put("audio_tokens", 0);
        if (reply.cacheWriteTokens > 0) {
            promptDetails.put("cache_write_tokens", reply.cacheWriteTokens);
        }
        usage.putObject("completion_tokens_details").put("reasoning_tokens", 0).put("audio_tokens", 0)
                .put("accepted_prediction_tokens", 0).put("rejected_prediction_tokens", 0);
        return usage;
    }

    private static String error(Reply reply, RecordedRequest request) {
        if (reply.wording == Reply.ErrorWording.RAW_BODY) {
            return reply.errorText;
        }
        String model = request.body().path("model").asText();
        ObjectNode error = WireTokens.JSON.createObjectNode();
        ObjectNode inner = error.putObject("error");
        switch (reply.wording) {
            case GIVEN -> inner.put("message", reply.errorText).put("type", type(reply.status)).putNull("param")
                    .putNull("code");
            case CONTEXT_TOO_LONG -> inner.put("message", "This model's maximum context length is 128000 tokens."
                    + " However, your messages resulted in 215034 tokens. Please reduce the length of the messages.")
                    .put("type", "invalid_request_error").put("param", "messages")
                    .put("code", "context_length_exceeded");
            default -> byStatus(inner, reply.status, model, request.header("authorization"));
        }
        return error.toString();
    }

    private static void byStatus(ObjectNode inner, int status, String model, String authorization) {
        switch (status) {
            case 401 -> inner.put("message", "Incorrect API key provided: " + masked(authorization)
                    + ". You can find your API key at https://platform.openai.com/account/api-keys.")
                    .put("type", "invalid_request_error").putNull("param").put("code", "invalid_api_key");
            case 404 -> inner.put("message", "The model `" + model + "` does not exist or you do not have access"
                    + " to it.").put("type", "invalid_request_error").putNull("param").put("code", "model_not_found");
            case 429 -> inner.put("message", "Rate limit reached for " + model + " in organization org-fake on"
                    + " requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s.")
                    .put("type", "requests").putNull("param").put("code", "rate_limit_exceeded");
            default -> inner.put("message", "The server had an error while processing your request. Sorry about"
                    + " that!").put("type", type(status)).putNull("param").putNull("code");
        }
    }

    private static String type(int status) {
        return status >= 500 ? "server_error" : "invalid_request_error";
    }

    /** OpenAI echoes a masked key in its 401 message: its first and last characters. */
    private static String masked(String authorization) {
        String key = authorization == null ? "" : authorization.replaceFirst("(?i)^Bearer\\s+", "");
        if (key.length() < 8) {
            return "***";
        }
        return key.substring(0, 3) + "*".repeat(key.length() - 7) + key.substring(key.length() - 4);
    }

    private static void data(StringBuilder sse, JsonNode chunk) {
        sse.append("data: ").append(chunk).append("\n\n");
    }
}
