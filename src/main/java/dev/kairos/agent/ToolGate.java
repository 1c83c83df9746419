package dev.kairos.agent;

import dev.kairos.model.Content;

/** Where a turn's tool calls go: the policy decides, then the tool runs (or does not). */
public interface ToolGate {
    /** A gate with no tools behind it: every call is refused. */
    ToolGate NONE = (use, scope) -> new Result("no tool named " + use.name() + " is available", true, false);

    /** What the model is told. {@code approvalRequested}: the call waits for the user's approval. */
    record Result(String content, boolean isError, boolean approvalRequested) {}

    Result call(Content.ToolUse use, Scope scope);

    /** Whether the tool can run behind this gate, so the model is offered it. */
    default boolean offers(String tool) {
        return true;
    }

    /** Who a call works for: the task (null for the user's chat), its kind and whether untrusted input started it. */
    record Scope(Long taskId, String kind, boolean tainted) {}
}
