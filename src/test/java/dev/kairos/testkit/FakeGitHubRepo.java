package dev.kairos.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.json.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One repository of a {@link FakeGitHub}: branches with their commits, issues and pull requests (one number space,
 * as on GitHub), comments, check runs and workflow runs, kept as the JSON objects the REST API returns. Tests change
 * it through the methods here; Kairos changes it through the API ({@link FakeGitHubRoutes}). Guarded by the fake's
 * lock.
 */
public final class FakeGitHubRepo {
    final FakeGitHub hub;
    final String owner;
    final String name;
    String defaultBranch = "main";
    /** Newest first, as GET /commits lists them. */
    final Map<String, List<ObjectNode>> branches = new LinkedHashMap<>();
    final Map<Integer, ObjectNode> issues = new LinkedHashMap<>();
    final Map<Integer, ObjectNode> pulls = new LinkedHashMap<>();
    final List<ObjectNode> comments = new ArrayList<>();
    final List<ObjectNode> checkRuns = new ArrayList<>();
    final List<ObjectNode> workflowRuns = new ArrayList<>();
    Path gitDir;
    /** Where a pull request's head or base names no branch the fake can resolve (the routes refuse those first). */
    private static final String NO_SHA = "0".repeat(40);
    private int nextNumber = 1;

    FakeGitHubRepo(FakeGitHub hub, String fullName) {
        this.hub = hub;
        this.owner = fullName.substring(0, fullName.indexOf('/'));
        this.name = fullName.substring(fullName.indexOf('/') + 1);
    }

    public String fullName() {
        return owner + "/" + name;
    }

    /** Branches the fake does not know are looked up in this git repository (a bare remote Kairos pushes to). */
    public FakeGitHubRepo headsFrom(Path gitDir) {
        synchronized (hub) {
            this.gitDir = gitDir;
        }
        return this;
    }

    public FakeGitHubRepo defaultBranch(String branch) {
        synchronized (hub) {
            defaultBranch = branch;
        }
        return this;
    }

    /** A commit on the default branch; returns its sha. */
    public String commit(String message) {
        return commit(defaultBranch, message, owner);
    }

    /** A commit by {@code login} on {@code branch} (made if new, from the default branch); moves open pulls from it. */
    public String commit(String branch, String message, String login) {
        synchronized (hub) {
            List<ObjectNode> history = branches.computeIfAbsent(branch,
                    b -> new ArrayList<>(branches.getOrDefault(defaultBranch, List.of())));
            String sha = hub.sha(fullName() + branch + message + hub.nextId());
            String now = hub.now();
            ObjectNode c = Json.object().put("sha", sha).put("node_id", "C_" + sha.substring(0, 12));
            ObjectNode git = c.putObject("commit");
            git.set("author", Json.object().put("name", login).put("email", login + "@users.noreply.github.com")
                    .put("date", now));
            git.set("committer", git.get("author").deepCopy());
            git.put("message", message);
            git.putObject("tree").put("sha", hub.sha("tree" + sha));
            c.put("url", hub.api() + "/repos/" + fullName() + "/commits/" + sha)
                    .put("html_url", "https://github.com/" + fullName() + "/commit/" + sha);
            c.set("author", hub.user(login));
            c.set("committer", hub.user(login));
            ArrayNode parents = c.putArray("parents");
            if (!history.isEmpty()) parents.addObject().put("sha", history.getFirst().path("sha").asText());
            history.addFirst(c);
            for (ObjectNode pull : pulls.values()) {
                if (pull.path("state").asText().equals("open") && pull.path("head").path("ref").asText().equals(branch)) {
                    ((ObjectNode) pull.get("head")).put("sha", sha);
                    pull.put("updated_at", now);
                }
            }
            return sha;
        }
    }

    /** The head of {@code branch}: from the fake, else from {@link #headsFrom}; empty when neither knows it. */
    public Optional<String> head(String branch) {
        synchronized (hub) {
            List<ObjectNode> history = branches.get(branch);
            if (history != null && !history.isEmpty()) return Optional.of(history.getFirst().path("sha").asText());
            return gitDir == null ? Optional.empty() : FakeGitHubRoutes.gitHead(gitDir, branch);
        }
    }

    public int openIssue(String title, String login) {
        synchronized (hub) {
            int number = nextNumber++;
            issues.put(number, issue(number, title, login, ""));
            return number;
        }
    }

    /** A pull request from {@code head} (a branch with commits) into the default branch; returns its number. */
    public int openPullRequest(String head, String title, String login) {
        return createPull(head, defaultBranch, title, "", login, false).path("number").asInt();
    }

    public void closePullRequest(int number) {
        synchronized (hub) {
            pulls.get(number).put("state", "closed").put("closed_at", hub.now()).put("updated_at", hub.now());
            issues.get(number).put("state", "closed");
        }
    }

    /** A comment by {@code login} on issue or pull request {@code number}; returns its id. */
    public long comment(int number, String login, String body) {
        synchronized (hub) {
            ObjectNode issue = issues.get(number);
            if (issue == null) throw new IllegalArgumentException("no issue or pull request " + number);
            long id = hub.nextId();
            String now = hub.now();
            ObjectNode c = Json.object().put("url", hub.api() + "/repos/" + fullName() + "/issues/comments/" + id)
                    .put("html_url", issue.path("html_url").asText() + "#issuecomment-" + id)
                    .put("issue_url", issue.path("url").asText()).put("id", id).put("node_id", "IC_" + id);
            c.set("user", hub.user(login));
            c.put("created_at", now).put("updated_at", now).put("author_association", "OWNER").put("body", body);
            comments.add(c);
            issue.put("comments", issue.path("comments").asInt() + 1).put("updated_at", now);
            return id;
        }
    }

    public void editComment(long id, String body) {
        synchronized (hub) {
            comments.stream().filter(c -> c.path("id").asLong() == id).findFirst().orElseThrow()
                    .put("body", body).put("updated_at", hub.now());
        }
    }

    /** A completed check run ({@code conclusion} "success", "failure", ...) of {@code sha}; returns its id. */
    public long checkRun(String sha, String name, String conclusion) {
        synchronized (hub) {
            long id = hub.nextId();
            String now = hub.now();
            ObjectNode r = Json.object().put("id", id).put("node_id", "CR_" + id).put("head_sha", sha)
                    .put("external_id", "").put("url", hub.api() + "/repos/" + fullName() + "/check-runs/" + id)
                    .put("html_url", "https://github.com/" + fullName() + "/runs/" + id)
                    .put("details_url", "https://github.com/" + fullName() + "/runs/" + id)
                    .put("status", conclusion == null ? "in_progress" : "completed").put("conclusion", conclusion)
                    .put("started_at", now).put("completed_at", conclusion == null ? null : now);
            r.putObject("output").put("title", name + " " + conclusion).put("summary", "").putNull("text")
                    .put("annotations_count", 0);
            r.put("name", name);
            r.putObject("check_suite").put("id", hub.nextId());
            ObjectNode app = r.putObject("app").put("id", 15368).put("slug", "github-actions").put("name", "GitHub Actions");
            app.set("owner", hub.user("github"));
            r.putArray("pull_requests");
            checkRuns.add(r);
            return id;
        }
    }

    /** A check run still in progress; finish it with {@link #completeCheckRun}. */
    public long checkRunInProgress(String sha, String name) {
        return checkRun(sha, name, null);
    }

    public void completeCheckRun(long id, String conclusion) {
        synchronized (hub) {
            checkRuns.stream().filter(r -> r.path("id").asLong() == id).findFirst().orElseThrow()
                    .put("status", "completed").put("conclusion", conclusion).put("completed_at", hub.now());
        }
    }

    /** A completed workflow run of {@code sha} on {@code branch}; returns its id. */
    public long workflowRun(String sha, String branch, String name, String conclusion) {
        synchronized (hub) {
            long id = hub.nextId();
            String now = hub.now();
            ObjectNode r = Json.object().put("id", id).put("name", name).put("node_id", "WFR_" + id)
                    .put("head_branch", branch).put("head_sha", sha).put("path", ".github/workflows/ci.yml")
                    .put("display_title", name).put("run_number", workflowRuns.size() + 1).put("event", "push")
                    .put("status", "completed").put("conclusion", conclusion).put("workflow_id", 161335)
                    .put("check_suite_id", hub.nextId())
                    .put("url", hub.api() + "/repos/" + fullName() + "/actions/runs/" + id)
                    .put("html_url", "https://github.com/" + fullName() + "/actions/runs/" + id);
            r.putArray("pull_requests");
            r.put("created_at", now).put("updated_at", now).put("run_attempt", 1).put("run_started_at", now);
            r.set("actor", hub.user(owner));
            r.set("triggering_actor", hub.user(owner));
            r.putObject("head_commit").put("id", sha).put("message", name).put("timestamp", now);
            r.set("repository", summary());
            workflowRuns.addFirst(r);
            return id;
        }
    }

    /** The pull requests, open and closed, as GET /pulls/N returns them. */
    public List<JsonNode> pullRequests() {
        synchronized (hub) {
            return pulls.values().stream().map(p -> (JsonNode) p.deepCopy()).toList();
        }
    }

    /** The comments of issue or pull request {@code number}, oldest first. */
    public List<JsonNode> comments(int number) {
        synchronized (hub) {
            String url = hub.api() + "/repos/" + fullName() + "/issues/" + number;
            return comments.stream().filter(c -> c.path("issue_url").asText().equals(url))
                    .sorted(Comparator.comparing(c -> c.path("id").asLong())).map(c -> (JsonNode) c.deepCopy()).toList();
        }
    }

    ObjectNode summary() {
        ObjectNode r = Json.object().put("id", Math.abs((long) fullName().hashCode())).put("node_id", "R_" + name)
                .put("name", name).put("full_name", fullName()).put("private", false)
                .put("html_url", "https://github.com/" + fullName()).put("url", hub.api() + "/repos/" + fullName());
        r.set("owner", hub.user(owner));
        return r;
    }

    ObjectNode json() {
        return summary().put("default_branch", defaultBranch).put("visibility", "public").put("fork", false);
    }

    ObjectNode createPull(String head, String base, String title, String body, String login, boolean draft) {
        synchronized (hub) {
            int number = nextNumber++;
            String now = hub.now();
            ObjectNode issue = issue(number, title, login, body)
                    .put("html_url", "https://github.com/" + fullName() + "/pull/" + number);
            issue.putObject("pull_request").put("url", hub.api() + "/repos/" + fullName() + "/pulls/" + number)
                    .put("html_url", "https://github.com/" + fullName() + "/pull/" + number);
            issues.put(number, issue);
            ObjectNode p = Json.object().put("url", hub.api() + "/repos/" + fullName() + "/pulls/" + number)
                    .put("id", hub.nextId()).put("node_id", "PR_" + number)
                    .put("html_url", "https://github.com/" + fullName() + "/pull/" + number)
                    .put("issue_url", issue.path("url").asText()).put("number", number).put("state", "open")
                    .put("locked", false).put("title", title);
            p.set("user", hub.user(login));
            p.put("body", body).put("created_at", now).put("updated_at", now).putNull("closed_at").putNull("merged_at")
                    .put("draft", draft).put("author_association", "OWNER").put("maintainer_can_modify", false);
            p.set("head", pointer(head, head(head).orElse(NO_SHA)));
            p.set("base", pointer(base, head(base).orElse(NO_SHA)));
            p.put("comments_url", issue.path("url").asText() + "/comments");
            pulls.put(number, p);
            return p;
        }
    }

    private ObjectNode pointer(String ref, String sha) {
        ObjectNode ptr = Json.object().put("label", owner + ":" + ref).put("ref", ref).put("sha", sha);
        ptr.set("user", hub.user(owner));
        ptr.set("repo", json());
        return ptr;
    }

    private ObjectNode issue(int number, String title, String login, String body) {
        ObjectNode i = Json.object().put("url", hub.api() + "/repos/" + fullName() + "/issues/" + number)
                .put("html_url", "https://github.com/" + fullName() + "/issues/" + number).put("id", hub.nextId())
                .put("node_id", "I_" + number).put("number", number).put("title", title);
        i.set("user", hub.user(login));
        i.put("state", "open").put("locked", false).put("comments", 0).put("created_at", hub.now())
                .put("updated_at", hub.now()).putNull("closed_at").put("author_association", "OWNER").put("body", body);
        return i;
    }
}
