package dev.kairos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.model.Tokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * An Anthropic Messages request as a prompt cache sees it: its blocks in the order the provider reads them (tool
 * schemas, then system blocks, then each message's content blocks), each with its o200k tokens, a digest of the
 * whole prompt up to and including it, and whether it carries a cache breakpoint ({@code cache_control}).
 */
record PromptBlocks(List<Block> blocks) {
    /** {@code prefixDigest} names everything up to and including this block; {@code tokensThrough} counts it. */
    record Block(long tokens, long tokensThrough, String prefixDigest, boolean breakpoint) {}

    PromptBlocks {
        blocks = List.copyOf(blocks);
    }

    static PromptBlocks of(JsonNode body) {
        Builder b = new Builder();
        for (JsonNode tool : body.path("tools")) {
            b.add("tool", tool, Tokens.count(tool.path("name").asText()) + Tokens.count(tool.path("description").asText())
                    + Tokens.count(tool.path("input_schema").toString()));
        }
        JsonNode system = body.path("system");
        if (system.isTextual()) {
            b.add("system", system, Tokens.count(system.asText()));
        } else {
            for (JsonNode block : system) b.add("system", block, Tokens.count(block.path("text").asText()));
        }
        for (JsonNode message : body.path("messages")) {
            String role = message.path("role").asText();
            JsonNode content = message.path("content");
            if (content.isTextual()) {
                b.add(role, content, Tokens.count(content.asText()));
            } else {
                for (JsonNode block : content) b.add(role, block, tokens(block));
            }
        }
        return new PromptBlocks(b.blocks);
    }

    /** Every input token of the request. */
    long total() {
        return blocks.isEmpty() ? 0 : blocks.getLast().tokensThrough();
    }

    /** Tokens of the text in one content block: text, a tool call's name and input, a tool result's content. */
    static long tokens(JsonNode block) {
        return switch (block.path("type").asText()) {
            case "text" -> Tokens.count(block.path("text").asText());
            case "tool_use" -> Tokens.count(block.path("name").asText()) + Tokens.count(block.path("input").toString());
            case "tool_result" -> {
                JsonNode content = block.path("content");
                if (content.isTextual()) yield Tokens.count(content.asText());
                long n = 0;
                for (JsonNode part : content) n += tokens(part);
                yield n;
            }
            default -> 0;
        };
    }

    private static final class Builder {
        private final List<Block> blocks = new ArrayList<>();
        private final MessageDigest digest;
        private long through;

        Builder() {
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }

        /** The breakpoint marks where a prefix may be cached; it is not part of the prefix itself. */
        void add(String role, JsonNode node, long tokens) {
            boolean breakpoint = node.has("cache_control");
            JsonNode content = node;
            if (breakpoint && node instanceof ObjectNode o) {
                ObjectNode copy = o.deepCopy();
                copy.remove("cache_control");
                content = copy;
            }
            digest.update((role + "\u0000" + content + "\u0000").getBytes(StandardCharsets.UTF_8));
            through += tokens;
            blocks.add(new Block(tokens, through, HexFormat.of().formatHex(copy(digest).digest()), breakpoint));
        }

        private static MessageDigest copy(MessageDigest d) {
            try {
                return (MessageDigest) d.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("SHA-256 digests can be cloned", e);
            }
        }
    }
}
