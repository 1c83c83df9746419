package dev.kairos.tool;

/**
 * What the model is told a tool call did; {@code isError} when it failed (the content then says why);
 * {@code tainted} when the content holds someone else's text (an untrusted memory, a web page, an issue body): the
 * task that reads it is tainted from then on.
 */
public record ToolResult(String content, boolean isError, boolean tainted) {

    public ToolResult(String content, boolean isError) {
        this(content, isError, false);
    }

    public static ToolResult ok(String content) {
        return new ToolResult(content, false);
    }

    public static ToolResult error(String content) {
        return new ToolResult(content, true);
    }

    /** This result, tainted when {@code untrusted} (a tainted result stays tainted). */
    public ToolResult tainted(boolean untrusted) {
        return new ToolResult(content, isError, tainted || untrusted);
    }
}
