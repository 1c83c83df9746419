package dev.kairos.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.event.Printable;
import java.util.Locale;

/** Reading a delivery's fields and writing them into one-line summaries. */
final class Fields {
    /** How much of a comment, body or commit message an event keeps. */
    static final int TEXT_LIMIT = 2000;

    private Fields() {}

    /** The text at a dotted path ("check_run.check_suite.head_branch"); "" when missing or null. */
    static String text(JsonNode root, String path) {
        JsonNode n = node(root, path);
        return n.isValueNode() && !n.isNull() ? n.asText() : "";
    }

    /** The text at a path, which the change key needs: a delivery without it cannot be told apart from others. */
    static String required(JsonNode root, String path) {
        String t = text(root, path);
        if (t.isEmpty()) throw new Unusable("it has no " + path);
        return t;
    }

    /** A whole number the change key needs (a pull request's or an issue's number). */
    static long requiredNumber(JsonNode root, String path) {
        Long n = number(root, path);
        if (n == null) throw new Unusable("it has no number at " + path);
        return n;
    }

    /** A delivery of a followed kind that lacks what its change key is made of. */
    static final class Unusable extends RuntimeException {
        Unusable(String message) {
            super(message, null, false, false);
        }
    }

    static JsonNode node(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) n = n.path(part);
        return n;
    }

    /** A number at a path, or null when missing (a JSON null in the payload). */
    static Long number(JsonNode root, String path) {
        JsonNode n = node(root, path);
        return n.canConvertToLong() ? n.asLong() : null;
    }

    /**
     * A name GitHub or a repository's owner chose (a login, a branch, a check's name) made fit for a one-line
     * summary: control characters escaped, quotes and whitespace flattened, at most {@code max} characters.
     */
    static String word(String text, int max) {
        String flat = Printable.of(text).replaceAll("\\s+", " ").replace('\'', '’').strip();
        return flat.length() <= max ? flat : flat.substring(0, max - 1) + "…";
    }

    static String login(String login) {
        return login.isEmpty() ? "someone" : word(login, 40);
    }

    /** Someone's free text (a comment, a body, a commit message), kept to {@link #TEXT_LIMIT} characters. */
    static String clip(String text) {
        if (text == null || text.isEmpty()) return null;
        return text.length() <= TEXT_LIMIT ? text : text.substring(0, TEXT_LIMIT) + "… [clipped]";
    }

    static String shortSha(String sha) {
        return sha.length() > 7 ? word(sha.substring(0, 7), 7) : word(sha, 7);
    }

    /** "refs/heads/main" is branch "main"; a tag or another ref is no branch. */
    static String branchOf(String ref) {
        return ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : "";
    }

    /** " on main at abc1234 in octo/repo": where something happened, leaving out what the delivery lacks. */
    static String where(String branch, String sha, String repo) {
        return (branch.isEmpty() ? "" : " on " + word(branch, 80)) + (sha.isEmpty() ? "" : " at " + shortSha(sha))
                + " in " + word(repo, 140);
    }

    /** How a check, suite, run or status ended, as a verb: "failed", "passed", "timed out". */
    static String outcome(String status, String conclusion) {
        if (!status.isEmpty() && !status.equals("completed")) return status.replace('_', ' ');
        return switch (conclusion) {
            case "success" -> "passed";
            case "failure" -> "failed";
            case "error" -> "errored";
            case "cancelled" -> "was cancelled";
            case "timed_out" -> "timed out";
            case "action_required" -> "needs action";
            case "skipped" -> "was skipped";
            case "stale" -> "went stale";
            case "neutral" -> "finished (neutral)";
            case "startup_failure" -> "failed to start";
            case "" -> "completed";
            default -> "ended " + word(conclusion, 30);
        };
    }

    /** "review_requested" reads "review requested". */
    static String action(String action) {
        return word(action.replace('_', ' ').toLowerCase(Locale.ROOT), 40);
    }
}
