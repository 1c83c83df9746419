package dev.kairos.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.json.Json;
import java.io.IOException;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Completed workflow runs and check runs of the heads followed. A token without the Actions or Checks read
 * permission gets a 403 (404 on some servers) here: that is said once and the rest of the poll goes on.
 */
final class RunPoll {
    /** Check runs are a resource per head: {@code checks:SHA}. */
    static final String CHECKS = "checks:";
    private static final Set<Integer> UNREADABLE = Set.of(403, 404);
    private final RepoPoll poll;
    private final JsonNode repository;

    RunPoll(RepoPoll poll, JsonNode repository) {
        this.poll = poll;
        this.repository = repository;
    }

    /**
     * The repository's 50 newest workflow runs; a completed one on a followed head not seen before is delivered.
     * Runs seen on other heads are not remembered, so a run becomes news once its head is followed (a pull
     * request opened for a branch already built); for the same reason a change of heads skips the ETag.
     */
    void workflowRuns(Collection<String> heads) throws IOException, InterruptedException, RepoPoll.Paused {
        Optional<Cursors.Cursor> c = poll.cursor("runs");
        Set<String> followed = new TreeSet<>(heads);
        boolean sameHeads = c.isPresent() && RepoPoll.strings(c.get().cursor().path("heads")).equals(followed);
        Optional<Answer> a = poll.fetch("/repos/" + poll.repo() + "/actions/runs?per_page=50",
                sameHeads ? RepoPoll.etag(c) : Optional.empty(), UNREADABLE);
        if (a.isEmpty()) return;
        boolean baseline = c.isEmpty();
        Set<String> seen = c.map(x -> RepoPoll.strings(x.cursor().path("seen"))).orElse(Set.of());
        Set<String> keep = new TreeSet<>();
        for (JsonNode run : a.get().body().path("workflow_runs")) {
            if (!"completed".equals(run.path("status").asText())) continue;
            String key = run.path("id").asText() + ":" + run.path("run_attempt").asText("1");
            if (baseline || seen.contains(key)) {
                keep.add(key);
            } else if (followed.contains(run.path("head_sha").asText())) {
                poll.deliver(PolledDeliveries.workflowRun(repository, run));
                keep.add(key);
            }
        }
        poll.put("runs", a.get(), cursor(keep, followed));
    }

    /**
     * The check runs of one head; a completed one not seen before is delivered. The first head ever polled in a
     * repository is its baseline; a head that appears later (a push, a new pull request) is news from its start.
     */
    void checkRuns(String sha, String branch, boolean repoBaselined)
            throws IOException, InterruptedException, RepoPoll.Paused {
        String resource = CHECKS + sha;
        Optional<Cursors.Cursor> c = poll.cursor(resource);
        Optional<Answer> a = poll.fetch("/repos/" + poll.repo() + "/commits/" + RepoPoll.encode(sha)
                + "/check-runs?per_page=100", RepoPoll.etag(c), UNREADABLE);
        if (a.isEmpty()) return;
        boolean baseline = c.isEmpty() && !repoBaselined;
        Set<String> seen = c.map(x -> RepoPoll.strings(x.cursor().path("seen"))).orElse(Set.of());
        Set<String> completed = new TreeSet<>();
        for (JsonNode run : a.get().body().path("check_runs")) {
            if (!"completed".equals(run.path("status").asText())) continue;
            String key = run.path("id").asText() + ":" + run.path("conclusion").asText("");
            completed.add(key);
            if (!baseline && !seen.contains(key)) poll.deliver(PolledDeliveries.checkRun(repository, run, branch));
        }
        poll.put(resource, a.get(), cursor(completed, Set.of()));
    }

    private static ObjectNode cursor(Set<String> seen, Set<String> heads) {
        ObjectNode c = Json.object();
        ArrayNode s = c.putArray("seen");
        seen.forEach(s::add);
        if (!heads.isEmpty()) {
            ArrayNode h = c.putArray("heads");
            heads.forEach(h::add);
        }
        return c;
    }
}
