package dev.kairos.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The heads a repository poll follows: the default branch (new commits become a push) and open pull requests. */
final class BranchPoll {
    private final RepoPoll poll;
    private final JsonNode repository;

    BranchPoll(RepoPoll poll, JsonNode repository) {
        this.poll = poll;
        this.repository = repository;
    }

    /**
     * The head of {@code branch}, delivering a push when it moved since the last poll: the commits since the head
     * seen last (the newest 30 at most), oldest first. A renamed default branch starts a new baseline.
     */
    Optional<String> commits(String branch) throws IOException, InterruptedException, RepoPoll.Paused {
        Optional<Cursors.Cursor> c = poll.cursor("commits");
        boolean sameBranch = c.isPresent() && branch.equals(c.get().cursor().path("branch").asText());
        Optional<Answer> a = poll.fetch("/repos/" + poll.repo() + "/commits?sha=" + RepoPoll.encode(branch)
                + "&per_page=30", sameBranch ? RepoPoll.etag(c) : Optional.empty(), Set.of(409)); // 409: empty
        if (a.isEmpty()) return sameBranch ? text(c.get().cursor().path("head")) : Optional.empty();
        List<JsonNode> newest = RepoPoll.list(a.get().body());
        Optional<String> head = newest.isEmpty() ? Optional.empty() : text(newest.getFirst().path("sha"));
        Optional<String> before = sameBranch ? text(c.get().cursor().path("head")) : Optional.empty();
        ObjectNode cursor = Json.object().put("branch", branch).put("head", head.orElse(null));
        poll.put("commits", a.get(), cursor);
        if (!sameBranch || head.isEmpty() || head.equals(before)) return head;
        List<JsonNode> fresh = new ArrayList<>();
        for (JsonNode commit : newest) {
            if (before.isPresent() && before.get().equals(commit.path("sha").asText())) break;
            fresh.add(commit);
        }
        poll.deliver(PolledDeliveries.push(repository, branch, before.orElse(RepoPoll.ZERO_SHA), head.get(),
                RepoPoll.reversed(fresh)));
        return head;
    }

    /**
     * The heads of the open pull requests (sha to branch), delivering {@code opened} for one not seen before and
     * {@code synchronize} for one whose head moved. Only the 100 most recently updated are followed.
     */
    Map<String, String> pulls() throws IOException, InterruptedException, RepoPoll.Paused {
        Optional<Cursors.Cursor> c = poll.cursor("pulls");
        Optional<Answer> a = poll.fetch("/repos/" + poll.repo() + "/pulls?state=open&sort=updated&direction=desc"
                + "&per_page=100", RepoPoll.etag(c), Set.of());
        if (a.isEmpty()) return heads(c.map(Cursors.Cursor::cursor).orElse(Json.object()));
        JsonNode known = c.map(x -> x.cursor().path("pulls")).orElse(null);
        ObjectNode cursor = Json.object();
        ObjectNode pulls = cursor.putObject("pulls");
        for (JsonNode pull : a.get().body()) {
            String number = pull.path("number").asText();
            String sha = pull.path("head").path("sha").asText();
            pulls.set(number, Json.object().put("sha", sha).put("ref", pull.path("head").path("ref").asText()));
            if (known == null) continue; // the baseline
            JsonNode prior = known.get(number);
            if (prior == null) {
                poll.deliver(PolledDeliveries.pullRequest(repository, pull, "opened", null));
            } else if (!prior.path("sha").asText().equals(sha)) {
                poll.deliver(PolledDeliveries.pullRequest(repository, pull, "synchronize", prior.path("sha").asText()));
            }
        }
        poll.put("pulls", a.get(), cursor);
        return heads(cursor);
    }

    private static Map<String, String> heads(JsonNode cursor) {
        Map<String, String> heads = new LinkedHashMap<>();
        cursor.path("pulls").forEach(p -> heads.putIfAbsent(p.path("sha").asText(), p.path("ref").asText()));
        return heads;
    }

    private static Optional<String> text(JsonNode n) {
        return n.isTextual() && !n.asText().isBlank() ? Optional.of(n.asText()) : Optional.empty();
    }
}
