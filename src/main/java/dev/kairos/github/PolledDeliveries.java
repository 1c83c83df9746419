package dev.kairos.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.json.Json;
import java.util.List;

/**
 * Webhook-shaped deliveries built from REST answers, so that a change seen by polling normalises exactly as its
 * webhook would (GITHUB-EVENTS.md: the same change key, the same payload fields). The REST objects of pull
 * requests, comments, check runs and workflow runs are the very objects webhooks carry; pushes are assembled.
 */
final class PolledDeliveries {
    private PolledDeliveries() {}

    /** A push to {@code branch}: {@code commits} are REST commit objects, oldest first. */
    static Delivery push(JsonNode repository, String branch, String before, String after, List<JsonNode> commits) {
        ObjectNode p = Json.object().put("ref", "refs/heads/" + branch).put("before", before).put("after", after)
                .put("created", false).put("deleted", false).put("forced", false).putNull("base_ref")
                .put("compare", repository.path("html_url").asText("") + "/compare/" + shortSha(before) + "..."
                        + shortSha(after));
        ArrayNode list = p.putArray("commits");
        commits.forEach(c -> list.add(pushCommit(c)));
        p.set("head_commit", commits.isEmpty() ? null : pushCommit(commits.getLast()));
        p.set("repository", repository);
        JsonNode head = commits.isEmpty() ? Json.object() : commits.getLast();
        p.set("pusher", Json.object().put("name", head.path("commit").path("committer").path("name").asText(""))
                .put("email", head.path("commit").path("committer").path("email").asText("")));
        p.set("sender", user(head.path("committer").isObject() ? head.path("committer") : head.path("author")));
        return new Delivery("push", p);
    }

    /** A pull request opened (first seen) or synchronized (its head moved from {@code before}). */
    static Delivery pullRequest(JsonNode repository, JsonNode pull, String action, String before) {
        ObjectNode p = Json.object().put("action", action).put("number", pull.path("number").asLong());
        p.set("pull_request", pull);
        if (before != null) p.put("before", before).put("after", pull.path("head").path("sha").asText());
        p.set("repository", repository);
        p.set("sender", user(pull.path("user")));
        return new Delivery("pull_request", p);
    }

    /** A new comment on an issue or a pull request (whose thread is an issue too). */
    static Delivery issueComment(JsonNode repository, JsonNode comment) {
        String issueUrl = comment.path("issue_url").asText("");
        String html = comment.path("html_url").asText("").replaceFirst("#.*$", "");
        String tail = issueUrl.substring(issueUrl.lastIndexOf('/') + 1);
        ObjectNode issue = Json.object().put("url", issueUrl).put("html_url", html);
        if (tail.matches("\\d{1,18}")) issue.put("number", Long.parseLong(tail));
        else issue.putNull("number");
        if (html.contains("/pull/")) {
            issue.set("pull_request", Json.object().put("url", issueUrl.replace("/issues/", "/pulls/"))
                    .put("html_url", html));
        }
        ObjectNode p = Json.object().put("action", "created");
        p.set("issue", issue);
        p.set("comment", comment);
        p.set("repository", repository);
        p.set("sender", user(comment.path("user")));
        return new Delivery("issue_comment", p);
    }

    /** A completed check run of a head on {@code branch} (REST check runs name their suite's id only). */
    static Delivery checkRun(JsonNode repository, JsonNode run, String branch) {
        ObjectNode r = run.deepCopy();
        ObjectNode suite = r.path("check_suite").isObject() ? (ObjectNode) r.get("check_suite") : r.putObject("check_suite");
        if (!suite.hasNonNull("head_branch")) suite.put("head_branch", branch);
        if (!suite.hasNonNull("head_sha")) suite.put("head_sha", r.path("head_sha").asText());
        ObjectNode p = Json.object().put("action", "completed");
        p.set("check_run", r);
        p.set("repository", repository);
        p.set("sender", user(r.path("app").path("owner")));
        return new Delivery("check_run", p);
    }

    /** A completed workflow run. */
    static Delivery workflowRun(JsonNode repository, JsonNode run) {
        ObjectNode p = Json.object().put("action", "completed");
        p.set("workflow_run", run);
        p.set("repository", repository);
        p.set("sender", user(run.path("triggering_actor").isObject() ? run.path("triggering_actor") : run.path("actor")));
        return new Delivery("workflow_run", p);
    }

    private static ObjectNode pushCommit(JsonNode c) {
        JsonNode commit = c.path("commit");
        ObjectNode out = Json.object().put("id", c.path("sha").asText()).put("tree_id",
                commit.path("tree").path("sha").asText("")).put("distinct", true)
                .put("message", commit.path("message").asText("")).put("timestamp",
                        commit.path("committer").path("date").asText(commit.path("author").path("date").asText("")))
                .put("url", c.path("html_url").asText(""));
        out.set("author", person(commit.path("author"), c.path("author")));
        out.set("committer", person(commit.path("committer"), c.path("committer")));
        return out;
    }

    /** A git identity as pushes carry it: name and email from the commit, the login where GitHub knows one. */
    private static ObjectNode person(JsonNode git, JsonNode account) {
        ObjectNode p = Json.object().put("name", git.path("name").asText("")).put("email", git.path("email").asText(""));
        if (account.hasNonNull("login")) p.put("username", account.path("login").asText());
        return p;
    }

    private static JsonNode user(JsonNode user) {
        return user.isObject() ? user : Json.object().put("login", "");
    }

    private static String shortSha(String sha) {
        return sha == null || sha.length() < 12 ? String.valueOf(sha) : sha.substring(0, 12);
    }
}
