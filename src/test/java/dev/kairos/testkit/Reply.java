package dev.kairos.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * One scripted answer of the {@link FakeModelServer}, written once and rendered in whichever wire format the request
 * came in (Anthropic Messages or OpenAI Chat Completions). Immutable: every method returns a new reply.
 *
 * <p>Usage is in Kairos' sense (input, output, cache write and cache read are disjoint). Unless set, input is what the
 * server counted in the request minus the cache tokens, and output is what it counted in the reply.
 */
public final class Reply {

    sealed interface Block permits TextBlock, ToolUseBlock {}

    record TextBlock(String text) implements Block {}

    record ToolUseBlock(String name, String jsonArguments) implements Block {}

    enum Stop { END_TURN, TOOL_USE, MAX_TOKENS }

    /** Errors the renderers word the way each provider really does. */
    enum ErrorWording { STATUS_DEFAULT, GIVEN, CONTEXT_TOO_LONG, RAW_BODY }

    // Written only inside with(), on a fresh copy, before the reply is handed out; read by the renderers.
    List<Block> blocks = List.of();
    Stop stop = Stop.END_TURN;
    Long inputTokens;
    Long outputTokens;
    long cacheWriteTokens;
    long cacheReadTokens;
    int status = 200;
    ErrorWording wording = ErrorWording.STATUS_DEFAULT;
    String errorText;
    Map<String, String> headers = Map.of();

    private Reply() {}

    public static Reply text(String text) {
        return new Reply().with(r -> r.blocks = List.of(new TextBlock(text)));
    }

    /** The model calls one tool; {@code jsonArguments} is the arguments object as JSON text. */
    public static Reply toolUse(String name, String jsonArguments) {
        return new Reply().with(r -> {
            r.blocks = List.of(new ToolUseBlock(name, jsonArguments));
            r.stop = Stop.TOOL_USE;
        });
    }

    /** An error in the provider's own JSON shape, with the provider's usual message for that status. */
    public static Reply error(int status) {
        if (status < 400) {
            throw new IllegalArgumentException("an error reply needs a 4xx or 5xx status, not " + status);
        }
        return new Reply().with(r -> r.status = status);
    }

    /** An error in the provider's own JSON shape ({@code {"type":"error","error":{...}}} or {@code {"error":{...}}}). */
    public static Reply error(int status, String message) {
        return error(status).with(r -> {
            r.wording = ErrorWording.GIVEN;
            r.errorText = message;
        });
    }

    /** Exactly this status and body, for shapes the renderers do not produce (a proxy's HTML page, say). */
    public static Reply raw(int status, String body) {
        return new Reply().with(r -> {
            r.status = status;
            r.wording = ErrorWording.RAW_BODY;
            r.errorText = body;
        });
    }

    /** 429 with a {@code retry-after} header in seconds, as both providers send it. */
    public static Reply rateLimited(int retryAfterSeconds) {
        return error(429).header("retry-after", Integer.toString(retryAfterSeconds));
    }

    /** Anthropic's "overloaded" status 529 (OpenAI-style servers get the same status with a server_error body). */
    public static Reply overloaded() {
        return error(529);
    }

    /** 400 with the provider's real wording for a prompt that does not fit the context window. */
    public static Reply contextTooLong() {
        return error(400).with(r -> r.wording = ErrorWording.CONTEXT_TOO_LONG);
    }

    /** Adds a tool call after this reply's blocks; the reply then stops for tool use. */
    public Reply andToolUse(String name, String jsonArguments) {
        requireSuccess();
        return with(r -> {
            List<Block> more = new ArrayList<>(blocks);
            more.add(new ToolUseBlock(name, jsonArguments));
            r.blocks = List.copyOf(more);
            r.stop = Stop.TOOL_USE;
        });
    }

    /** The reply was cut off by the request's max_tokens. */
    public Reply truncated() {
        requireSuccess();
        return with(r -> r.stop = Stop.MAX_TOKENS);
    }

    /** Sets every usage count explicitly. */
    public Reply usage(long input, long output, long cacheWrite, long cacheRead) {
        return with(r -> {
            r.inputTokens = input;
            r.outputTokens = output;
            r.cacheWriteTokens = cacheWrite;
            r.cacheReadTokens = cacheRead;
        });
    }

    /** Sets the cache counts; input stays what the server counted, minus these. */
    public Reply cache(long cacheWrite, long cacheRead) {
        return with(r -> {
            r.cacheWriteTokens = cacheWrite;
            r.cacheReadTokens = cacheRead;
        });
    }

    public Reply header(String name, String value) {
        return with(r -> {
            Map<String, String> more = new LinkedHashMap<>(headers);
            more.put(name.toLowerCase(Locale.ROOT), value);
            r.headers = Map.copyOf(more);
        });
    }

    /** Not a normal model reply: rendered from the status and error fields, not from blocks. */
    boolean isError() {
        return status >= 400 || wording == ErrorWording.RAW_BODY;
    }

    /** Input tokens to report, given what the server counted in the request. */
    long reportedInput(long counted) {
        return inputTokens != null ? inputTokens : Math.max(0, counted - cacheWriteTokens - cacheReadTokens);
    }

    private void requireSuccess() {
        if (isError()) {
            throw new IllegalStateException("an error reply has no content");
        }
    }

    private Reply with(Consumer<Reply> change) {
        Reply copy = new Reply();
        copy.blocks = blocks;
        copy.stop = stop;
        copy.inputTokens = inputTokens;
        copy.outputTokens = outputTokens;
        copy.cacheWriteTokens = cacheWriteTokens;
        copy.cacheReadTokens = cacheReadTokens;
        copy.status = status;
        copy.wording = wording;
        copy.errorText = errorText;
        copy.headers = headers;
        change.accept(copy);
        return copy;
    }

    @Override
    public String toString() {
        return isError() ? "Reply[error " + status + "]" : "Reply" + blocks;
    }
}
