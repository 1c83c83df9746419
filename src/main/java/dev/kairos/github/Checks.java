package dev.kairos.github;

import static dev.kairos.github.Fields.node;
import static dev.kairos.github.Fields.number;
import static dev.kairos.github.Fields.outcome;
import static dev.kairos.github.Fields.required;
import static dev.kairos.github.Fields.text;
import static dev.kairos.github.Fields.where;
import static dev.kairos.github.Fields.word;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Check runs, check suites, workflow runs and commit statuses: what CI said about a commit. Their summaries are
 * composed from structured fields only (names, states, branches, shas), never from anyone's prose, so they are
 * trusted.
 */
final class Checks {
    private Checks() {}

    static Change checkRun(JsonNode p, String repo) {
        String id = required(p, "check_run.id");
        String status = text(p, "check_run.status");
        String conclusion = text(p, "check_run.conclusion");
        String sha = text(p, "check_run.head_sha");
        String branch = text(p, "check_run.check_suite.head_branch");
        String name = text(p, "check_run.name");
        return Change.structured("check_run:" + repo + ":" + id + ":" + status + ":" + conclusion, sha, branch,
                firstPullRequest(node(p, "check_run.pull_requests")), text(p, "sender.login"),
                text(p, "check_run.html_url"), name, conclusion,
                "check '" + word(name, 60) + "' " + outcome(status, conclusion) + where(branch, sha, repo));
    }

    static Change checkSuite(JsonNode p, String repo) {
        String id = required(p, "check_suite.id");
        String status = text(p, "check_suite.status");
        String conclusion = text(p, "check_suite.conclusion");
        String sha = text(p, "check_suite.head_sha");
        String branch = text(p, "check_suite.head_branch");
        String app = text(p, "check_suite.app.name");
        String url = text(p, "repository.html_url") + (sha.isEmpty() ? "" : "/commit/" + sha);
        return Change.structured("check_suite:" + repo + ":" + id + ":" + status + ":" + conclusion, sha, branch,
                firstPullRequest(node(p, "check_suite.pull_requests")), text(p, "sender.login"), url, app,
                conclusion, "check suite" + (app.isEmpty() ? "" : " of '" + word(app, 60) + "'") + " "
                        + outcome(status, conclusion) + where(branch, sha, repo));
    }

    static Change workflowRun(JsonNode p, String repo) {
        String id = required(p, "workflow_run.id");
        String attempt = text(p, "workflow_run.run_attempt");
        String status = text(p, "workflow_run.status");
        String conclusion = text(p, "workflow_run.conclusion");
        String sha = text(p, "workflow_run.head_sha");
        String branch = text(p, "workflow_run.head_branch");
        String name = text(p, "workflow_run.name").isEmpty() ? text(p, "workflow.name") : text(p, "workflow_run.name");
        String actor = text(p, "workflow_run.actor.login");
        return Change.structured("workflow_run:" + repo + ":" + id + ":" + attempt + ":" + status + ":" + conclusion,
                sha, branch, firstPullRequest(node(p, "workflow_run.pull_requests")),
                actor.isEmpty() ? text(p, "sender.login") : actor, text(p, "workflow_run.html_url"), name, conclusion,
                "workflow '" + word(name, 60) + "' " + outcome(status, conclusion) + where(branch, sha, repo)
                        + (attempt.isEmpty() || attempt.equals("1") ? "" : " (attempt " + word(attempt, 6) + ")"));
    }

    static Change status(JsonNode p, String repo) {
        String sha = required(p, "sha");
        String context = required(p, "context");
        String state = required(p, "state");
        String branch = "";
        for (JsonNode b : node(p, "branches")) {
            if (text(b, "commit.sha").equals(sha)) {
                branch = text(b, "name");
                break;
            }
        }
        String target = text(p, "target_url");
        String verb = state.equals("pending") ? "is pending" : outcome("completed", state);
        return Change.structured("status:" + repo + ":" + sha + ":" + context + ":" + state, sha, branch, null,
                text(p, "sender.login"), target.isEmpty() ? text(p, "commit.html_url") : target, context, state,
                "status '" + word(context, 60) + "' " + verb + where(branch, sha, repo));
    }

    /** The pull request a check ran for, when GitHub names one. */
    private static Long firstPullRequest(JsonNode pullRequests) {
        return pullRequests.isArray() && !pullRequests.isEmpty() ? number(pullRequests.get(0), "number") : null;
    }
}
