package dev.kairos.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.json.Json;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One poll of one repository: its default branch's new commits (a push), open pull requests opened or moved, new
 * issue comments, and the completed workflow runs and check runs of the heads followed (the default branch's and
 * every open pull request's). Each resource is asked for with its stored ETag, so an unchanged one costs a 304;
 * each resource seen for the first time is a baseline: recorded, nothing delivered (no flood of history).
 */
final class RepoPoll {
    static final String ZERO_SHA = "0".repeat(40);
    private static final String BASELINE = "baseline";
    private final GitHubAccess access;
    private final Cursors cursors;
    private final Pace pace;
    private final String repo;
    private final Instant now;
    private final List<Delivery> out;
    private final Consumer<String> note;
    private Duration asked = Duration.ZERO;

    /** The account must wait (Retry-After, a spent rate limit): no further request now. */
    static final class Paused extends Exception {
        final transient Pace.Wait wait;

        Paused(Pace.Wait wait) {
            super("GitHub asks to wait until " + wait.until() + " (" + wait.reason() + ")", null, false, false);
            this.wait = wait;
        }
    }

    /**
     * @param out receives the deliveries as they are found, so those of a poll cut short are not lost
     * @param note hears about resources the credentials may not read (the poll goes on without them)
     */
    RepoPoll(GitHubAccess access, Cursors cursors, Pace pace, String repo, Instant now, List<Delivery> out,
            Consumer<String> note) {
        this.access = access;
        this.cursors = cursors;
        this.pace = pace;
        this.repo = repo;
        this.now = now;
        this.out = out;
        this.note = note;
    }

    /** Returns the longest X-Poll-Interval GitHub asked for (zero: none). */
    Duration run() throws IOException, InterruptedException, Paused {
        boolean baselined = cursors.get(repo, BASELINE).isPresent();
        JsonNode repository = repository();
        String branch = repository.path("default_branch").asText("");
        if (branch.isEmpty()) throw new IOException("GitHub names no default branch for " + repo);
        Map<String, String> heads = new LinkedHashMap<>(); // sha -> branch
        new BranchPoll(this, repository).commits(branch).ifPresent(sha -> heads.put(sha, branch));
        new BranchPoll(this, repository).pulls().forEach(heads::putIfAbsent);
        new CommentPoll(this, repository).comments();
        new RunPoll(this, repository).workflowRuns(heads.keySet());
        for (var head : heads.entrySet()) new RunPoll(this, repository).checkRuns(head.getKey(), head.getValue(), baselined);
        for (String resource : cursors.resources(repo, RunPoll.CHECKS)) {
            if (!heads.containsKey(resource.substring(RunPoll.CHECKS.length()))) cursors.remove(repo, resource);
        }
        if (!baselined) cursors.put(repo, BASELINE, Optional.empty(), Json.object().put("at", now.toString()));
        return asked;
    }

    private JsonNode repository() throws IOException, InterruptedException, Paused {
        Optional<Cursors.Cursor> c = cursor("repo");
        Optional<Answer> a = fetch("/repos/" + repo, etag(c), Set.of());
        if (a.isEmpty()) return c.orElseThrow().cursor();
        JsonNode r = a.get().body();
        ObjectNode summary = Json.object();
        for (String f : List.of("id", "node_id", "name", "full_name", "private", "html_url", "url", "default_branch")) {
            summary.set(f, r.path(f).isMissingNode() ? null : r.get(f));
        }
        JsonNode owner = r.path("owner");
        summary.set("owner", Json.object().put("login", owner.path("login").asText(""))
                .put("id", owner.path("id").asLong()).put("type", owner.path("type").asText("User"))
                .put("html_url", owner.path("html_url").asText("")));
        put("repo", a.get(), summary);
        return summary;
    }

    String repo() {
        return repo;
    }

    Optional<Cursors.Cursor> cursor(String resource) {
        return cursors.get(repo, resource);
    }

    void put(String resource, Answer from, JsonNode cursor) {
        put(resource, from.etag(), cursor);
    }

    void put(String resource, Optional<String> etag, JsonNode cursor) {
        cursors.put(repo, resource, etag, cursor);
    }

    void deliver(Delivery d) {
        out.add(d);
    }

    static Optional<String> etag(Optional<Cursors.Cursor> c) {
        return c.flatMap(Cursors.Cursor::etag);
    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    static List<JsonNode> list(JsonNode array) {
        List<JsonNode> l = new ArrayList<>();
        array.forEach(l::add);
        return l;
    }

    static Set<String> strings(JsonNode array) {
        Set<String> s = new TreeSet<>();
        array.forEach(n -> s.add(n.asText()));
        return s;
    }

    static <T> List<T> reversed(List<T> l) {
        List<T> r = new ArrayList<>(l);
        Collections.reverse(r);
        return r;
    }

    /**
     * The answer to a GET, or empty when the resource is unchanged since {@code etag} (304) or its status is in
     * {@code meansNothing} (said through the note once per status). A refusal that makes the account wait throws
     * {@link Paused}; any other failure an IOException that says what to check.
     */
    Optional<Answer> fetch(String path, Optional<String> etag, Set<Integer> meansNothing)
            throws IOException, InterruptedException, Paused {
        Optional<Pace.Wait> held = pace.accountWaits(now); // an earlier answer said the limit is (nearly) spent
        if (held.isPresent()) throw new Paused(held.get());
        Answer a = access.get(repo, path, etag);
        Optional<Pace.Wait> wait = pace.heard(a, now);
        a.pollInterval().filter(d -> d.compareTo(asked) > 0).ifPresent(d -> asked = d);
        if (a.notModified()) return Optional.empty();
        if (a.ok()) return Optional.of(a);
        if (wait.isPresent()) throw new Paused(wait.get());
        if (meansNothing.contains(a.status())) {
            note.accept("cannot read " + path.replaceFirst("\\?.*$", "").replaceAll("/[0-9a-f]{40}/", "/SHA/") + ": "
                    + a.status() + " " + a.message() + hint(a.status()));
            return Optional.empty();
        }
        throw new IOException(path.replaceFirst("\\?.*$", "") + ": " + a.status() + " " + a.message()
                + hint(a.status()));
    }

    private static String hint(int status) {
        return switch (status) {
            case 401 -> " (check GITHUB_TOKEN or the GitHub App settings)";
            case 403 -> " (the token lacks a read permission: see the README, Connect a GitHub repository by polling)";
            case 404 -> " (does the repository exist, and may these credentials read it?)";
            default -> "";
        };
    }
}
