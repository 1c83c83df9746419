package dev.kairos.policy;

/**
 * What the always-denied floor makes of a {@code run_command} line: denied whatever the rules say, unreadable (part
 * of what it runs is decided only when it runs, so it is never allowed unasked), or clear of anything forbidden.
 */
sealed interface Reading {
    /** A command no rule may allow, and why. */
    record Deny(String reason) implements Reading {}

    /** A command that could not be read fully, and which part. */
    record Unreadable(String reason) implements Reading {}

    /** Nothing forbidden was found. */
    record Clear() implements Reading {}
}
