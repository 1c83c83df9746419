package dev.kairos.model;

import java.util.List;
import java.util.Objects;

/**
 * One turn of the conversation.
 *
 * @param cacheBreakpoint the provider may cache the prompt up to and including this message
 */
public record Message(Role role, List<Content> content, boolean cacheBreakpoint) {

    public enum Role { USER, ASSISTANT }

    public Message {
        Objects.requireNonNull(role, "role");
        content = List.copyOf(content);
        if (content.isEmpty()) {
            throw new IllegalArgumentException("a message needs at least one content block");
        }
    }

    public static Message user(String text) {
        return new Message(Role.USER, List.of(new Content.Text(text)), false);
    }

    public static Message assistant(List<Content> content) {
        return new Message(Role.ASSISTANT, content, false);
    }

    /** The same message, marked (or unmarked) as a cache breakpoint. */
    public Message withCacheBreakpoint(boolean breakpoint) {
        return new Message(role, content, breakpoint);
    }
}
