package dev.kairos.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.json.Json;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Ref;

/** The REST endpoints of one repository, as GitHub answers them (first page only; {@code per_page} up to 100). */
final class FakeGitHubRoutes {
    record Response(int status, JsonNode body) {}

    private FakeGitHubRoutes() {}

    /** {@code rest}: the path after /repos/OWNER/NAME, split on '/'. */
    static Response answer(FakeGitHubRepo r, String method, List<String> rest, Map<String, String> q, JsonNode body) {
        String route = method + " " + String.join("/", rest.stream().map(s -> s.matches("\\d+") ? "N" : s).toList());
        return switch (route) {
            case "GET " -> ok(r.json());
            case "GET commits" -> commits(r, q);
            case "GET pulls" -> ok(page(r.pulls.values().stream().filter(pullFilter(r, q)), q,
                    "updated".equals(q.get("sort")) ? "updated_at" : "created_at"));
            case "POST pulls" -> createPull(r, body);
            case "GET pulls/N" -> found(r.pulls.get(Integer.parseInt(rest.get(1))));
            case "GET issues/N" -> found(r.issues.get(Integer.parseInt(rest.get(1))));
            case "GET issues/comments" -> ok(page(r.comments.stream().filter(since(q)), q,
                    "updated".equals(q.get("sort")) ? "updated_at" : "created_at"));
            case "GET issues/N/comments" -> ok(page(r.comments.stream().filter(onIssue(r, rest.get(1))), q, "id"));
            case "POST issues/N/comments" -> comment(r, Integer.parseInt(rest.get(1)), body);
            case "GET actions/runs" -> ok(wrap("workflow_runs", page(r.workflowRuns.stream()
                    .filter(w -> matches(q.get("head_sha"), w.path("head_sha"))
                            && matches(q.get("branch"), w.path("head_branch"))), q, null)));
            default -> rest.size() == 3 && rest.get(0).equals("commits") && rest.get(2).equals("check-runs")
                    && method.equals("GET") ? checkRuns(r, rest.get(1), q) : notFound();
        };
    }

    static Optional<String> gitHead(Path gitDir, String branch) {
        try (Git git = Git.open(gitDir.toFile())) {
            Ref ref = git.getRepository().exactRef("refs/heads/" + branch);
            return ref == null || ref.getObjectId() == null ? Optional.empty() : Optional.of(ref.getObjectId().name());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static Response notFound() {
        return new Response(404, message("Not Found"));
    }

    static ObjectNode message(String text) {
        return Json.object().put("message", text).put("documentation_url", "https://docs.github.com/rest");
    }

    private static Response commits(FakeGitHubRepo r, Map<String, String> q) {
        String branch = q.getOrDefault("sha", r.defaultBranch);
        List<ObjectNode> history = r.branches.get(branch);
        if (r.branches.isEmpty()) return new Response(409, message("Git Repository is empty."));
        if (history == null) return new Response(404, message("No commit found for SHA: " + branch));
        return ok(page(history.stream(), q, null));
    }

    private static Response checkRuns(FakeGitHubRepo r, String ref, Map<String, String> q) {
        String sha = r.head(ref).orElse(ref);
        return ok(wrap("check_runs", page(r.checkRuns.stream().filter(c -> c.path("head_sha").asText().equals(sha)),
                q, null)));
    }

    private static Response createPull(FakeGitHubRepo r, JsonNode body) {
        String head = body.path("head").asText("");
        String branch = head.contains(":") ? head.substring(head.indexOf(':') + 1) : head;
        String base = body.path("base").asText(r.defaultBranch);
        if (r.head(branch).isEmpty() || r.head(base).isEmpty()) {
            return invalid(Json.object().put("resource", "PullRequest").put("field", branch.isEmpty() ? "head"
                    : r.head(branch).isEmpty() ? "head" : "base").put("code", "invalid"));
        }
        boolean duplicate = r.pulls.values().stream().anyMatch(p -> p.path("state").asText().equals("open")
                && p.path("head").path("ref").asText().equals(branch) && p.path("base").path("ref").asText().equals(base));
        if (duplicate) {
            return invalid(Json.object().put("resource", "PullRequest").put("code", "custom")
                    .put("message", "A pull request already exists for " + r.owner + ":" + branch + "."));
        }
        return new Response(201, r.createPull(branch, base, body.path("title").asText(""),
                body.path("body").asText(""), r.owner, body.path("draft").asBoolean(false)).deepCopy());
    }

    private static Response comment(FakeGitHubRepo r, int number, JsonNode body) {
        if (!r.issues.containsKey(number)) return notFound();
        if (body.path("body").asText("").isBlank()) {
            return invalid(Json.object().put("resource", "IssueComment").put("field", "body").put("code", "missing_field"));
        }
        long id = r.comment(number, r.owner, body.path("body").asText());
        return new Response(201, r.comments.stream().filter(c -> c.path("id").asLong() == id).findFirst().orElseThrow()
                .deepCopy());
    }

    private static Response invalid(ObjectNode error) {
        ObjectNode m = message("Validation Failed");
        m.putArray("errors").add(error);
        return new Response(422, m);
    }

    private static Predicate<ObjectNode> pullFilter(FakeGitHubRepo r, Map<String, String> q) {
        String state = q.getOrDefault("state", "open");
        String head = q.get("head");
        return p -> (state.equals("all") || p.path("state").asText().equals(state))
                && (head == null || head.equals(r.owner + ":" + p.path("head").path("ref").asText()));
    }

    private static Predicate<ObjectNode> since(Map<String, String> q) {
        if (q.get("since") == null) return c -> true;
        Instant since = Instant.parse(q.get("since"));
        return c -> !Instant.parse(c.path("updated_at").asText()).isBefore(since);
    }

    private static Predicate<ObjectNode> onIssue(FakeGitHubRepo r, String number) {
        String url = r.hub.api() + "/repos/" + r.fullName() + "/issues/" + number;
        return c -> c.path("issue_url").asText().equals(url);
    }

    private static boolean matches(String wanted, JsonNode value) {
        return wanted == null || wanted.equals(value.asText());
    }

    /** One page: sorted by {@code field} (null: as stored) in {@code direction}, at most {@code per_page}. */
    private static ArrayNode page(Stream<ObjectNode> items, Map<String, String> q, String field) {
        Stream<ObjectNode> sorted = items;
        if (field != null) {
            Comparator<ObjectNode> by = Comparator.comparing((ObjectNode n) -> n.path(field).asText())
                    .thenComparing(n -> n.path("id").asLong());
            if (field.equals("id")) by = Comparator.comparing(n -> n.path("id").asLong());
            sorted = items.sorted("desc".equals(q.getOrDefault("direction", field.equals("id") ? "asc" : "desc"))
                    ? by.reversed() : by);
        }
        int perPage = Math.min(100, Integer.parseInt(q.getOrDefault("per_page", "30")));
        ArrayNode out = Json.MAPPER.createArrayNode();
        sorted.limit(perPage).forEach(n -> out.add(n.deepCopy()));
        return out;
    }

    private static ObjectNode wrap(String field, ArrayNode items) {
        ObjectNode o = Json.object().put("total_count", items.size());
        o.set(field, items);
        return o;
    }

    private static Response ok(JsonNode body) {
        return new Response(200, body);
    }

    private static Response found(ObjectNode item) {
        return item == null ? notFound() : ok(item.deepCopy());
    }
}
