package dev.kairos.model;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Token counts with o200k_base (OpenAI's current encoding). Other providers tokenize differently, so for them this
 * is an estimate, but a deterministic one: good for budgets and context sizes, while the ledger records what the
 * provider reports.
 */
public final class Tokens {

    private Tokens() {}

    /** Tokens in {@code text}; special-token markers in it count as ordinary text. */
    public static int count(String text) {
        return text == null || text.isEmpty() ? 0 : Encoding200k.INSTANCE.countTokensOrdinary(text);
    }

    /**
     * Tokens of all text a request sends: system blocks, message text, tool calls and results, and tool schemas
     * (names, descriptions and the schemas as compact JSON).
     */
    public static long count(ModelRequest request) {
        long n = 0;
        for (SystemBlock block : request.system()) {
            n += count(block.text());
        }
        for (ToolSpec tool : request.tools()) {
            n += count(tool.name()) + count(tool.description()) + count(tool.inputSchema().toString());
        }
        for (Message message : request.messages()) {
            for (Content content : message.content()) {
                n += switch (content) {
                    case Content.Text text -> count(text.text());
                    case Content.ToolUse use -> count(use.name()) + count(use.input().toString());
                    case Content.ToolResult result -> count(result.content());
                };
            }
        }
        return n;
    }

    /** Loads the encoding (a few MB of ranks) on first use only, once, thread-safely. */
    private static final class Encoding200k {
        static final Encoding INSTANCE = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    }
}
