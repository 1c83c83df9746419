package dev.kairos.model;

import java.util.List;
import java.util.Objects;

/**
 * What a turn sends to a model: stable parts first (system blocks, tool schemas) so provider prompt caches hit,
 * then the conversation.
 *
 * @param cacheKey groups requests that share a prefix (OpenAI's {@code prompt_cache_key}); may be null
 */
public record ModelRequest(
        List<SystemBlock> system, List<ToolSpec> tools, List<Message> messages, int maxTokens, String cacheKey) {

    public ModelRequest {
        system = List.copyOf(system);
        tools = List.copyOf(tools);
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a model request needs at least one message");
        }
        if (maxTokens <= 0) {
            throw new IllegalArgumentException("maxTokens must be positive, was " + maxTokens);
        }
    }

    /** A request with one system block, no tools, and one user message. */
    public static ModelRequest of(String system, String userText, int maxTokens) {
        Objects.requireNonNull(system, "system");
        return new ModelRequest(
                List.of(new SystemBlock(system, false)), List.of(), List.of(Message.user(userText)), maxTokens, null);
    }
}
