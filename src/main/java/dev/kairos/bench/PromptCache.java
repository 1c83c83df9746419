package dev.kairos.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A provider's prompt cache as its price list counts it, on the replay's clock, so a request's input splits into
 * tokens read from the cache, tokens written to it and the rest, as the provider would bill them.
 *
 * <ul>
 *   <li>{@link Rules#ANTHROPIC}: only prefixes ending at a cache breakpoint are written (billed at 1.25x input), at
 *       least 1,024 tokens long; a later request reads the longest such prefix it shares (0.1x) if that prefix ends
 *       at most 20 blocks before one of its own breakpoints; an entry lives 5 minutes, renewed by each read.
 *   <li>{@link Rules#OPENAI}: every prompt of 1,024 tokens or more is cached automatically, with no charge for the
 *       write; a later request reads the longest prefix it shares, in steps of 128 tokens from 1,024, at the cached
 *       input price; an entry lives 5 minutes after its last use (OpenAI says 5 to 10 minutes of inactivity).
 * </ul>
 * Prefixes are compared block by block, a close stand-in for the providers' token-level matching.
 */
final class PromptCache {
    enum Rules { ANTHROPIC, OPENAI }

    /** Tokens of one request read from the cache and written to it; the rest of its input is billed as input. */
    record Use(long read, long written) {}

    static final long MIN_TOKENS = 1_024;
    static final Duration LIFETIME = Duration.ofMinutes(5);
    private static final int LOOKBACK_BLOCKS = 20;
    private static final long OPENAI_STEP = 128;

    private final Rules rules;
    private final Map<String, Instant> expiries = new HashMap<>();

    PromptCache(Rules rules) {
        this.rules = rules;
    }

    synchronized Use take(PromptBlocks prompt, Instant now) {
        expiries.values().removeIf(expiry -> !expiry.isAfter(now));
        List<PromptBlocks.Block> blocks = prompt.blocks();
        int hit = longestCached(blocks);
        long read = hit < 0 ? 0 : blocks.get(hit).tokensThrough();
        return switch (rules) {
            case ANTHROPIC -> anthropic(blocks, hit, read, now);
            case OPENAI -> openAi(blocks, read, now);
        };
    }

    private Use anthropic(List<PromptBlocks.Block> blocks, int hit, long read, Instant now) {
        if (hit >= 0) expiries.put(blocks.get(hit).prefixDigest(), now.plus(LIFETIME));
        long writtenThrough = read;
        for (int i = hit + 1; i < blocks.size(); i++) {
            PromptBlocks.Block b = blocks.get(i);
            if (!b.breakpoint() || b.tokensThrough() < MIN_TOKENS) continue;
            expiries.put(b.prefixDigest(), now.plus(LIFETIME));
            writtenThrough = b.tokensThrough();
        }
        return new Use(read, writtenThrough - read);
    }

    private Use openAi(List<PromptBlocks.Block> blocks, long read, Instant now) {
        long total = blocks.isEmpty() ? 0 : blocks.getLast().tokensThrough();
        if (total < MIN_TOKENS) return new Use(0, 0);
        for (PromptBlocks.Block b : blocks) expiries.put(b.prefixDigest(), now.plus(LIFETIME));
        long cached = read < MIN_TOKENS ? 0 : MIN_TOKENS + (read - MIN_TOKENS) / OPENAI_STEP * OPENAI_STEP;
        return new Use(cached, 0);
    }

    /** The last block whose prefix is cached and may be read: for Anthropic, near enough to a breakpoint. */
    private int longestCached(List<PromptBlocks.Block> blocks) {
        for (int i = blocks.size() - 1; i >= 0; i--) {
            PromptBlocks.Block b = blocks.get(i);
            if (b.tokensThrough() < MIN_TOKENS) return -1;
            if (expiries.containsKey(b.prefixDigest()) && (rules == Rules.OPENAI || nearBreakpoint(blocks, i))) return i;
        }
        return -1;
    }

    private static boolean nearBreakpoint(List<PromptBlocks.Block> blocks, int i) {
        for (int j = i; j < blocks.size() && j - i <= LOOKBACK_BLOCKS; j++) {
            if (blocks.get(j).breakpoint()) return true;
        }
        return false;
    }
}
