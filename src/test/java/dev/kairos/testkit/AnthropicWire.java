package dev.kairos.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;

/** Renders {@link Reply} in the Anthropic Messages API's wire format, JSON and SSE, as api.anthropic.com does. */
final class AnthropicWire {

    private AnthropicWire() {}

    /** Tokens of all text in system, messages and tool schemas. */
    static long inputTokens(JsonNode body) {
        long n = textTokens(body.path("system"));
        for (JsonNode message : body.path("messages")) {
            n += textTokens(message.path("content"));
        }
        for (JsonNode tool : body.path("tools")) {
            n += WireTokens.count(tool.path("name").asText()) + WireTokens.count(tool.path("description").asText())
                    + WireTokens.countJson(tool.path("input_schema"));
        }
        return n;
    }

    private static long textTokens(JsonNode content) {
        if (content.isTextual()) {
            return WireTokens.count(content.asText());
        }
        long n = 0;
        for (JsonNode block : content) {
            n += switch (block.path("type").asText()) {
                case "text" -> WireTokens.count(block.path("text").asText());
                case "tool_use" -> WireTokens.count(block.path("name").asText())
                        + WireTokens.countJson(block.path("input"));
                case "tool_result" -> textTokens(block.path("content"));
                default -> 0;
            };
        }
        return n;
    }

    static Rendered render(Reply reply, RecordedRequest request, int sequence) {
        if (reply.isError()) {
            return error(reply, request, sequence);
        }
        ObjectNode message = message(reply, request, sequence);
        Map<String, String> headers = new LinkedHashMap<>(reply.headers);
        headers.put("request-id", "req_fake_" + sequence);
        if (!request.streamed()) {
            return Rendered.json(200, headers, message.toString());
        }
        return Rendered.sse(headers, events(reply, message));
    }

    private static ObjectNode message(Reply reply, RecordedRequest request, int sequence) {
        ObjectNode message = WireTokens.JSON.createObjectNode();
        message.put("id", "msg_fake_" + sequence);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", request.body().path("model").asText("claude-fake"));
        ArrayNode content = message.putArray("content");
        int toolNumber = 0;
        long output = 0;
        for (Reply.Block block : reply.blocks) {
            ObjectNode node = content.addObject();
            switch (block) {
                case Reply.TextBlock text -> {
                    node.put("type", "text").put("text", text.text());
                    output += WireTokens.count(text.text());
                }
                case Reply.ToolUseBlock tool -> {
                    node.put("type", "tool_use");
                    node.put("id", "toolu_fake_" + sequence + "_" + ++toolNumber);
                    node.put("name", tool.name());
                    node.set("input", parse(tool.jsonArguments()));
                    output += WireTokens.count(tool.name()) + WireTokens.countJsonText(tool.jsonArguments());
                }
            }
        }
        message.put("stop_reason", switch (reply.stop) {
            case END_TURN -> "end_turn";
            case TOOL_USE -> "tool_use";
            case MAX_TOKENS -> "max_tokens";
        });
        message.putNull("stop_sequence");
        ObjectNode usage = message.putObject("usage");
        usage.put("input_tokens", reply.reportedInput(request.inputTokens()));
        usage.put("cache_creation_input_tokens", reply.cacheWriteTokens);
        usage.put("cache_read_input_tokens", reply.cacheReadTokens);
        ObjectNode cacheCreation = usage.putObject("cache_creation");
        cacheCreation.put("ephemeral_5m_input_tokens", reply.cacheWriteTokens);
        cacheCreation.put("ephemeral_1h_input_tokens", 0);
        usage.put("output_tokens", reply.outputTokens != null ? reply.outputTokens : output);
        usage.put("service_tier", "standard");
        return message;
    }

    /** The event sequence of a streamed message: start, each block in deltas, the final delta with usage, stop. */
    private static String events(Reply reply, ObjectNode message) {
        StringBuilder sse = new StringBuilder();
        ObjectNode start = message.deepCopy();
        start.putArray("content");
        start.putNull("stop_reason");
        ((ObjectNode) start.path("usage")).put("output_tokens", 1);
        event(sse, "message_start", object("message_start").set("message", start));
        event(sse, "ping", object("ping"));
        int index = 0;
        for (JsonNode block : message.path("content")) {
            ObjectNode empty = block.deepCopy();
            boolean isText = block.path("type").asText().equals("text");
            if (isText) {
                empty.put("text", "");
            } else {
                empty.putObject("input");
            }
            event(sse, "content_block_start", object("content_block_start").put("index", index)
                    .set("content_block", empty));
            String whole = isText ? block.path("text").asText() : block.path("input").toString();
            for (String piece : Chunks.of(whole)) {
                ObjectNode delta = isText
                        ? object("text_delta").put("text", piece)
                        : object("input_json_delta").put("partial_json", piece);
                event(sse, "content_block_delta", object("content_block_delta").put("index", index)
                        .set("delta", delta));
            }
            event(sse, "content_block_stop", object("content_block_stop").put("index", index));
            index++;
        }
        ObjectNode delta = object("message_delta");
        delta.putObject("delta").put("stop_reason", message.path("stop_reason").asText()).putNull("stop_sequence");
        JsonNode usage = message.path("usage");
        delta.putObject("usage")
                .put("input_tokens", usage.path("input_tokens").asLong())
                .put("cache_creation_input_tokens", usage.path("cache_creation_input_tokens").asLong())
                .put("cache_read_input_tokens", usage.path("cache_read_input_tokens").asLong())
                .put("output_tokens", usage.path("output_tokens").asLong());
        event(sse, "message_delta", delta);
        event(sse, "message_stop", object("message_stop"));
        return sse.toString();
    }

    private static Rendered error(Reply reply, RecordedRequest request, int sequence) {
        Map<String, String> headers = new LinkedHashMap<>(reply.headers);
        headers.put("request-id", "req_fake_" + sequence);
        if (reply.wording == Reply.ErrorWording.RAW_BODY) {
            return Rendered.json(reply.status, headers, reply.errorText);
        }
        String message = switch (reply.wording) {
            case GIVEN -> reply.errorText;
            case CONTEXT_TOO_LONG -> "prompt is too long: 215034 tokens > 200000 maximum";
            default -> defaultMessage(reply.status, request.body().path("model").asText());
        };
        ObjectNode body = object("error");
        body.putObject("error").put("type", errorType(reply.status)).put("message", message);
        body.put("request_id", "req_fake_" + sequence);
        return Rendered.json(reply.status, headers, body.toString());
    }

    private static String errorType(int status) {
        return switch (status) {
            case 400 -> "invalid_request_error";
            case 401 -> "authentication_error";
            case 402 -> "billing_error";
            case 403 -> "permission_error";
            case 404 -> "not_found_error";
            case 413 -> "request_too_large";
            case 429 -> "rate_limit_error";
            case 504 -> "timeout_error";
            case 529 -> "overloaded_error";
            default -> "api_error";
        };
    }

    private static String defaultMessage(int status, String model) {
        return switch (status) {
            case 401 -> "invalid x-api-key";
            case 403 -> "Your API key does not have permission to use the specified resource.";
            case 404 -> "model: " + model;
            case 429 -> "Number of request tokens has exceeded your per-minute rate limit";
            case 529 -> "Overloaded";
            default -> "Internal server error";
        };
    }

    private static ObjectNode object(String type) {
        return WireTokens.JSON.createObjectNode().put("type", type);
    }

    private static void event(StringBuilder sse, String name, JsonNode data) {
        sse.append("event: ").append(name).append('\n').append("data: ").append(data).append("\n\n");
    }

    private static JsonNode parse(String json) {
        try {
            return WireTokens.JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("scripted tool arguments are not JSON: " + json, e);
        }
    }
}
