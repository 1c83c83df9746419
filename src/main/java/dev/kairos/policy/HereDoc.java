package dev.kairos.policy;

/**
 * A here-document: the parser meets its marker on one line and reads its body after that line ends, so the body is
 * filled in later. {@code expanded} is the body as a double-quoted word when the marker is unquoted.
 */
final class HereDoc {
    final String marker;
    final boolean quoted;
    final boolean stripTabs;
    String body = "";
    Word expanded;
    /** False when the line ended before the body did: what it holds is not known. */
    boolean read;

    HereDoc(String marker, boolean quoted, boolean stripTabs) {
        this.marker = marker;
        this.quoted = quoted;
        this.stripTabs = stripTabs;
    }
}
