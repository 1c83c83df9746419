package dev.kairos.model;

import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.ContentBlockParam;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.MessageParam;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolResultBlockParam;
import com.anthropic.models.messages.ToolUseBlockParam;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Writes a {@link ModelRequest} as Anthropic Messages API parameters, cache breakpoints included. */
final class AnthropicRequests {

    private static final CacheControlEphemeral EPHEMERAL = CacheControlEphemeral.builder().build();

    private AnthropicRequests() {}

    static MessageCreateParams params(String model, ModelRequest request) {
        MessageCreateParams.Builder params = MessageCreateParams.builder()
                .model(model)
                .maxTokens(request.maxTokens());
        if (!request.system().isEmpty()) {
            params.systemOfTextBlockParams(request.system().stream().map(AnthropicRequests::system).toList());
        }
        request.tools().forEach(tool -> params.addTool(tool(tool)));
        request.messages().forEach(message -> params.addMessage(message(message)));
        return params.build();
    }

    private static TextBlockParam system(SystemBlock block) {
        TextBlockParam.Builder text = TextBlockParam.builder().text(block.text());
        if (block.cacheBreakpoint()) {
            text.cacheControl(EPHEMERAL);
        }
        return text.build();
    }

    /** The schema's {@code properties} and {@code required} have typed slots; every other keyword passes as is. */
    private static Tool tool(ToolSpec spec) {
        ObjectNode schema = spec.inputSchema();
        Tool.InputSchema.Builder input = Tool.InputSchema.builder();
        Tool.InputSchema.Properties.Builder properties = Tool.InputSchema.Properties.builder();
        schema.path("properties").properties()
                .forEach(p -> properties.putAdditionalProperty(p.getKey(), JsonValue.fromJsonNode(p.getValue())));
        input.properties(properties.build());
        List<String> required = new ArrayList<>();
        schema.path("required").forEach(name -> required.add(name.asText()));
        if (!required.isEmpty()) {
            input.required(required);
        }
        schema.properties().forEach(p -> {
            if (!List.of("type", "properties", "required").contains(p.getKey())) {
                input.putAdditionalProperty(p.getKey(), JsonValue.fromJsonNode(p.getValue()));
            }
        });
        return Tool.builder().name(spec.name()).description(spec.description()).inputSchema(input.build()).build();
    }

    /** Anthropic caches up to a block: a breakpoint on a message marks its last block. */
    private static MessageParam message(Message message) {
        List<ContentBlockParam> blocks = new ArrayList<>();
        List<Content> content = sendable(message.content());
        for (int i = 0; i < content.size(); i++) {
            boolean breakpoint = message.cacheBreakpoint() && i == content.size() - 1;
            blocks.add(block(content.get(i), breakpoint));
        }
        return message.role() == Message.Role.USER
                ? MessageParam.ofUserOfContentBlockParams(blocks)
                : MessageParam.ofAssistantOfContentBlockParams(blocks);
    }

    /** Anthropic refuses blank text blocks (a model's reply may contain one beside its tool calls). */
    private static List<Content> sendable(List<Content> content) {
        List<Content> kept = content.stream()
                .filter(c -> !(c instanceof Content.Text text && text.text().isBlank()))
                .toList();
        return kept.isEmpty() ? content : kept;
    }

    private static ContentBlockParam block(Content content, boolean breakpoint) {
        return switch (content) {
            case Content.Text text -> {
                TextBlockParam.Builder b = TextBlockParam.builder().text(text.text());
                if (breakpoint) {
                    b.cacheControl(EPHEMERAL);
                }
                yield ContentBlockParam.ofText(b.build());
            }
            case Content.ToolUse use -> {
                ToolUseBlockParam.Builder b = ToolUseBlockParam.builder()
                        .id(use.id())
                        .name(use.name())
                        .input(ToolUseBlockParam.Input.builder().additionalProperties(fields(use.input())).build());
                if (breakpoint) {
                    b.cacheControl(EPHEMERAL);
                }
                yield ContentBlockParam.ofToolUse(b.build());
            }
            case Content.ToolResult result -> {
                ToolResultBlockParam.Builder b = ToolResultBlockParam.builder()
                        .toolUseId(result.toolUseId())
                        .content(result.content());
                if (result.isError()) {
                    b.isError(true);
                }
                if (breakpoint) {
                    b.cacheControl(EPHEMERAL);
                }
                yield ContentBlockParam.ofToolResult(b.build());
            }
        };
    }

    private static Map<String, JsonValue> fields(ObjectNode object) {
        Map<String, JsonValue> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            fields.put(field.getKey(), JsonValue.fromJsonNode(field.getValue()));
        }
        return fields;
    }
}
