package dev.kairos.agent;

import dev.kairos.model.Content;

/** Where a turn's tool calls go: the policy decides, then the tool runs (or does not). */
public interface ToolGate {
    /** A gate with no tools behind it: every call is refused. */
    ToolGate NONE = (use, scope) -> new Result("no tool named " + use.name() + " is available", true, null);

    /**
     * What the model is told. {@code waitsFor}: the approval the call waits for (null when it does not wait).
     * {@code tainted}: the content holds someone else's text, so the turn is tainted from then on.
     */
    record Result(String content, boolean isError, Long waitsFor, boolean tainted) {
        public Result(String content, boolean isError, Long waitsFor) {
            this(content, isError, waitsFor, false);
        }

        public boolean approvalRequested() {
            return waitsFor != null;
        }
    }

    Result call(Content.ToolUse use, Scope scope);

    /** Whether the tool can run behind this gate, so the model is offered it. */
    default boolean offers(String tool) {
        return true;
    }

    /**
     * Who a call works for: the task (null for the user's chat), its kind and whether it is tainted: untrusted input
     * started it, or it has read someone else's text (packed memories, a tool result).
     */
    record Scope(Long taskId, String kind, boolean tainted) {
        /** This scope once it has read someone else's text. */
        public Scope taint() {
            return tainted ? this : new Scope(taskId, kind, true);
        }
    }
}
