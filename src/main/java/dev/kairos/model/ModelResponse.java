package dev.kairos.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A model's reply.
 *
 * @param model the model name the provider says answered (may be more specific than the one asked for)
 */
public record ModelResponse(List<Content> content, StopReason stopReason, Usage usage, String model) {

    public ModelResponse {
        content = List.copyOf(content);
    }

    /** All text blocks, joined. */
    public String text() {
        return content.stream()
                .filter(Content.Text.class::isInstance)
                .map(c -> ((Content.Text) c).text())
                .collect(Collectors.joining());
    }

    public List<Content.ToolUse> toolUses() {
        return content.stream()
                .filter(Content.ToolUse.class::isInstance)
                .map(Content.ToolUse.class::cast)
                .toList();
    }
}
