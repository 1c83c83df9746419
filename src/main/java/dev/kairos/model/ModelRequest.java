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

    /** Anthropic caches at most four prefixes per request; more is a bug in context assembly. */
    public static final int MAX_CACHE_BREAKPOINTS = 4;

    public ModelRequest {
        system = List.copyOf(system);
        tools = List.copyOf(tools);
        messages = List.copyOf(messages);
        if (messages.isEmpty()) {
            throw new IllegalArgumentException("a model request needs at least one message");
        }
        long breakpoints = system.stream().filter(SystemBlock::cacheBreakpoint).count()
                + messages.stream().filter(Message::cacheBreakpoint).count();
        if (breakpoints > MAX_CACHE_BREAKPOINTS) {
            throw new IllegalArgumentException("a model request may mark at most " + MAX_CACHE_BREAKPOINTS
                    + " cache breakpoints (Anthropic's limit), this one marks " + breakpoints);
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
