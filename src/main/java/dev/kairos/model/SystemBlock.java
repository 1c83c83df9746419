package dev.kairos.model;

import java.util.Objects;

/**
 * A piece of the system prompt.
 *
 * @param cacheBreakpoint the provider may cache the prompt up to and including this block
 */
public record SystemBlock(String text, boolean cacheBreakpoint) {

    public SystemBlock {
        Objects.requireNonNull(text, "text");
    }
}
