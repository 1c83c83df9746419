package dev.kairos.model;

/**
 * Tokens one call consumed. The four counts are disjoint: {@code inputTokens} excludes the tokens written to or read
 * from the provider's prompt cache, because those are priced differently.
 */
public record Usage(long inputTokens, long outputTokens, long cacheWriteTokens, long cacheReadTokens) {

    public static final Usage ZERO = new Usage(0, 0, 0, 0);

    public Usage {
        if (inputTokens < 0 || outputTokens < 0 || cacheWriteTokens < 0 || cacheReadTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }

    /** Every input token the provider saw, cached or not. */
    public long totalInputTokens() {
        return inputTokens + cacheWriteTokens + cacheReadTokens;
    }

    public Usage plus(Usage other) {
        return new Usage(
                inputTokens + other.inputTokens,
                outputTokens + other.outputTokens,
                cacheWriteTokens + other.cacheWriteTokens,
                cacheReadTokens + other.cacheReadTokens);
    }
}
