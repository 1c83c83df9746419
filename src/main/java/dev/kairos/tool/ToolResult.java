package dev.kairos.tool;

/** What the model is told a tool call did; {@code isError} when it failed (the content then says why). */
public record ToolResult(String content, boolean isError) {

    public static ToolResult ok(String content) {
        return new ToolResult(content, false);
    }

    public static ToolResult error(String content) {
        return new ToolResult(content, true);
    }
}
