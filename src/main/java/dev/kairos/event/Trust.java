package dev.kairos.event;

/** Whether an event's text may be taken as instructions (the user's own) or only as data (anyone else's). */
public enum Trust {
    TRUSTED,
    UNTRUSTED
}
