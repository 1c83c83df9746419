package dev.kairos.policy;

/** What the policy says about one tool call. */
public enum Decision {
    ALLOW,
    /** Only with the user's approval (stored, expiring; expiry means no). */
    ASK,
    /** Never executed, however the model insists; the model is told why. */
    DENY
}
