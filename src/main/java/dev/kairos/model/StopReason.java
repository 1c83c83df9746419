package dev.kairos.model;

/** Why the model stopped writing. */
public enum StopReason {
    /** It finished its answer. */
    END_TURN,
    /** It wants the tools in the reply to run, then to be called again. */
    TOOL_USE,
    /** It hit the request's {@code maxTokens}. */
    MAX_TOKENS,
    /** Anything else (a stop sequence, a refusal, a content filter). */
    OTHER
}
