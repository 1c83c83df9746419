package dev.kairos.github;

import static dev.kairos.github.Fields.action;
import static dev.kairos.github.Fields.branchOf;
import static dev.kairos.github.Fields.clip;
import static dev.kairos.github.Fields.login;
import static dev.kairos.github.Fields.node;
import static dev.kairos.github.Fields.number;
import static dev.kairos.github.Fields.required;
import static dev.kairos.github.Fields.requiredNumber;
import static dev.kairos.github.Fields.shortSha;
import static dev.kairos.github.Fields.text;
import static dev.kairos.github.Fields.word;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Pushes, pull requests, reviews, comments and issues: events that carry what people wrote (commit messages,
 * titles, bodies, comments). That text goes to the payload's {@code text}, clipped, and never into the summary;
 * {@link Change#writers()} names everyone whose words or act it holds, so the event is trusted only when all are
 * owners.
 */
final class Contributions {
    private Contributions() {}

    static Change push(JsonNode p, String repo) {
        String ref = required(p, "ref");
        String after = required(p, "after");
        String sender = text(p, "sender.login");
        List<String> writers = new ArrayList<>(List.of(sender));
        StringBuilder messages = new StringBuilder();
        JsonNode commits = node(p, "commits");
        for (JsonNode c : commits) {
            writers.add(text(c, "author.username")); // a commit without a GitHub user is no owner's
            messages.append(messages.isEmpty() ? "" : "\n\n").append(text(c, "message"));
        }
        String branch = branchOf(ref);
        String what = refName(ref);
        String did;
        if (node(p, "deleted").asBoolean()) {
            did = "deleted " + what;
        } else if (node(p, "created").asBoolean()) {
            did = "created " + what + " at " + shortSha(after);
        } else {
            int n = commits.size();
            did = "pushed " + n + (n == 1 ? " commit" : " commits") + " to " + what + ", now at " + shortSha(after);
        }
        return new Change("push:" + repo + ":" + ref + ":" + after, after, branch, null, sender, text(p, "compare"),
                null, null, clip(messages.toString()), login(sender) + " " + did + " in " + word(repo, 140), writers);
    }

    static Change pullRequest(JsonNode p, String repo) {
        long number = requiredNumber(p, "pull_request.number");
        String action = required(p, "action");
        String sha = text(p, "pull_request.head.sha");
        String author = text(p, "pull_request.user.login");
        boolean head = action.equals("opened") || action.equals("reopened") || action.equals("synchronize");
        boolean merged = node(p, "pull_request.merged").asBoolean();
        String key = "pull_request:" + repo + ":" + number + ":"
                + (head ? "head:" + sha : action + ":" + text(p, "pull_request.updated_at"));
        String verb = switch (action) {
            case "synchronize" -> "updated to " + shortSha(sha);
            case "closed" -> merged ? "merged" : "closed";
            default -> action(action);
        };
        return new Change(key, sha, text(p, "pull_request.head.ref"), number, author,
                text(p, "pull_request.html_url"), null, action.equals("closed") ? (merged ? "merged" : "closed") : null,
                titled(p, "pull_request"), "pull request #" + number + " " + verb + " by "
                        + login(text(p, "sender.login")) + " in " + word(repo, 140),
                List.of(author, text(p, "sender.login")));
    }

    static Change issueComment(JsonNode p, String repo) {
        String on = node(p, "issue.pull_request").isObject() ? "pull request #" : "issue #";
        return comment(p, repo, "issue_comment", on + requiredNumber(p, "issue.number"), number(p, "issue.number"),
                "", "");
    }

    static Change reviewComment(JsonNode p, String repo) {
        return comment(p, repo, "review_comment", "a line of pull request #" + requiredNumber(p, "pull_request.number"),
                number(p, "pull_request.number"), text(p, "pull_request.head.sha"), text(p, "pull_request.head.ref"));
    }

    private static Change comment(JsonNode p, String repo, String kind, String on, Long number, String sha,
            String branch) {
        String id = required(p, "comment.id");
        String action = required(p, "action");
        String author = text(p, "comment.user.login");
        String key = kind + ":" + repo + ":" + id + ":" + action
                + (action.equals("edited") ? ":" + text(p, "comment.updated_at") : "");
        String summary = switch (action) {
            case "created" -> login(author) + " commented on " + on;
            case "edited" -> login(text(p, "sender.login")) + " edited a comment by " + login(author) + " on " + on;
            case "deleted" -> login(text(p, "sender.login")) + " deleted a comment by " + login(author) + " on " + on;
            default -> "a comment by " + login(author) + " on " + on + " was " + action(action);
        };
        return new Change(key, sha, branch, number, author, text(p, "comment.html_url"), null, null,
                clip(text(p, "comment.body")), summary + " in " + word(repo, 140),
                List.of(author, text(p, "sender.login")));
    }

    static Change review(JsonNode p, String repo) {
        String id = required(p, "review.id");
        String action = required(p, "action");
        long number = requiredNumber(p, "pull_request.number");
        String author = text(p, "review.user.login");
        String state = text(p, "review.state").toLowerCase(java.util.Locale.ROOT);
        String pr = "pull request #" + number;
        String summary = switch (action) {
            case "submitted" -> login(author) + switch (state) {
                case "approved" -> " approved " + pr;
                case "changes_requested" -> " requested changes on " + pr;
                default -> " reviewed " + pr;
            };
            case "dismissed" -> login(text(p, "sender.login")) + " dismissed a review by " + login(author) + " of " + pr;
            default -> "a review by " + login(author) + " of " + pr + " was " + action(action);
        };
        String sha = text(p, "review.commit_id").isEmpty() ? text(p, "pull_request.head.sha") : text(p, "review.commit_id");
        return new Change("review:" + repo + ":" + id + ":" + action, sha, text(p, "pull_request.head.ref"),
                number, author, text(p, "review.html_url"), null, state.isEmpty() ? null : state,
                clip(text(p, "review.body")), summary + " in " + word(repo, 140),
                List.of(author, text(p, "sender.login")));
    }

    static Change issue(JsonNode p, String repo) {
        long number = requiredNumber(p, "issue.number");
        String action = required(p, "action");
        String author = text(p, "issue.user.login");
        return new Change("issues:" + repo + ":" + number + ":" + action + ":" + text(p, "issue.updated_at"), "", "",
                number, author, text(p, "issue.html_url"), null, null, titled(p, "issue"),
                "issue #" + number + " " + action(action) + " by " + login(text(p, "sender.login")) + " in "
                        + word(repo, 140), List.of(author, text(p, "sender.login")));
    }

    /** A pull request's or an issue's title and body as one text. */
    private static String titled(JsonNode p, String what) {
        String body = text(p, what + ".body");
        return clip(text(p, what + ".title") + (body.isEmpty() ? "" : "\n\n" + body));
    }

    /** "branch 'main'", "tag 'v1.0'". */
    private static String refName(String ref) {
        if (ref.startsWith("refs/heads/")) return "branch '" + word(branchOf(ref), 80) + "'";
        if (ref.startsWith("refs/tags/")) return "tag '" + word(ref.substring("refs/tags/".length()), 80) + "'";
        return "ref '" + word(ref, 80) + "'";
    }
}
