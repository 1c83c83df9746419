package dev.kairos.tool;

/** What a tool call can do to the world; the policy decides per class (and taint gates all but reads). */
public enum Risk {
    /** Looks, changes nothing. */
    READ,
    /** Changes files, the journal or schedules. */
    WRITE,
    /** Runs a program. */
    EXEC,
    /** Reaches another machine. */
    NETWORK,
    /** Sends a message to a person. */
    SEND
}
