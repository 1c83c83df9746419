package dev.kairos.memory;

/** A write that would push MEMORY.md past its cap; nothing was written. */
public final class MemoryCapException extends RuntimeException {
    public MemoryCapException(String message) {
        super(message);
    }
}
