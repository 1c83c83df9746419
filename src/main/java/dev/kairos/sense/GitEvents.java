package dev.kairos.sense;

import dev.kairos.json.Json;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The events of the git sensor: all trusted, since the repositories are the user's own. */
final class GitEvents {
    static final String SOURCE = "git";

    private GitEvents() {}

    static Event commit(Path repo, BranchScan.Commit c, Instant at) {
        ObjectNode payload = Json.object().put("repo", repo.toString()).put("branch", c.branch()).put("sha", c.sha())
                .put("author", c.author()).put("message", c.message());
        payload.putArray("files").addAll(c.files().stream().map(payload::textNode).toList());
        String summary = "commit " + shortSha(c.sha()) + " on " + c.branch() + " in " + name(repo) + ": "
                + c.message().lines().findFirst().orElse("");
        return event("git.commit", repo + "@" + c.sha(), at, summary, payload);
    }

    static Event branch(Path repo, BranchScan.BranchChange b, Instant at) {
        String summary = switch (b.change()) {
            case CREATED -> "branch " + b.branch() + " created at " + shortSha(b.newSha());
            case DELETED -> "branch " + b.branch() + " deleted (was " + shortSha(b.oldSha()) + ")";
            case MOVED -> "branch " + b.branch() + " moved from " + shortSha(b.oldSha()) + " to " + shortSha(b.newSha())
                    + " (not a fast-forward: reset, rebase or force)";
        };
        ObjectNode payload = Json.object().put("repo", repo.toString()).put("branch", b.branch()).put("ref", b.ref())
                .put("change", b.change().name().toLowerCase()).put("old", b.oldSha()).put("new", b.newSha());
        return event("git.branch", repo + ":" + b.ref() + ":" + b.oldSha() + ".." + b.newSha(), at,
                summary + " in " + name(repo), payload);
    }

    static Event uncommitted(Path repo, Instant dirtySince, List<String> paths, Instant at) {
        long minutes = Duration.between(dirtySince, at).toMinutes();
        String age = minutes >= 120 ? (minutes / 60) + " hours" : minutes + " minutes";
        ObjectNode payload = Json.object().put("repo", repo.toString()).put("dirtySince", dirtySince.toString())
                .put("count", paths.size());
        payload.putArray("paths").addAll(paths.stream().limit(BranchScan.MAX_FILES).map(payload::textNode).toList());
        String summary = paths.size() + (paths.size() == 1 ? " file" : " files") + " uncommitted for " + age + " in "
                + name(repo) + ": " + String.join(", ", paths.stream().limit(5).toList())
                + (paths.size() > 5 ? ", ..." : "");
        return event("git.uncommitted", repo + ":dirty-since:" + dirtySince.toEpochMilli(), at, summary, payload);
    }

    static Event tests(TestRun.Result r, Instant at) {
        ObjectNode payload = Json.object().put("repo", r.repo().toString()).put("sha", r.sha())
                .put("command", r.command()).put("exitCode", r.exitCode()).put("timedOut", r.timedOut())
                .put("durationMs", r.durationMs()).put("outputTail", r.outputTail());
        String outcome = r.passed() ? "passed" : "failed";
        String why = r.timedOut() ? " (timed out)" : r.passed() ? "" : " (exit " + r.exitCode() + ")";
        String summary = "tests " + outcome + " on " + shortSha(r.sha()) + " in " + name(r.repo()) + why + lastLine(r);
        return event("tests." + outcome, r.repo() + ":tests:" + r.sha(), at, summary, payload);
    }

    private static String lastLine(TestRun.Result r) {
        if (r.passed()) return "";
        List<String> lines = r.outputTail().lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "" : ": " + lines.getLast().strip();
    }

    private static Event event(String kind, String key, Instant at, String summary, ObjectNode payload) {
        return Event.observed(SOURCE, kind, key, at, Trust.TRUSTED, summary, Json.write(payload));
    }

    static String shortSha(String sha) {
        return sha.substring(0, Math.min(7, sha.length()));
    }

    private static String name(Path repo) {
        return repo.getFileName() == null ? repo.toString() : repo.getFileName().toString();
    }
}
