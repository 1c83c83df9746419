package dev.kairos.github;

import java.util.List;

/**
 * What one delivery says changed, before it becomes an inbox event: the change key, the payload's structured fields,
 * someone's free text (or null) and a summary made of structured fields only.
 *
 * @param writers the logins whose words are in {@code text} (and who acted); empty when the event carries no one's
 *     text, so it is trusted whoever acted
 */
record Change(String key, String sha, String branch, Long number, String author, String url, String name,
        String conclusion, String text, String summary, List<String> writers) {

    Change {
        writers = List.copyOf(writers);
    }

    /** An event composed from structured fields only (a check, a suite, a run, a status). */
    static Change structured(String key, String sha, String branch, Long number, String author, String url,
            String name, String conclusion, String summary) {
        return new Change(key, sha, branch, number, author, url, name, conclusion, null, summary, List.of());
    }
}
