package dev.kairos.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.json.Json;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * New comments on a repository's issues and pull requests. The cursor is the newest {@code updated_at} seen and the
 * ids updated at that second (GitHub counts whole seconds); a comment is new when it was created at or after the
 * cursor and is not one of those ids. Edits move the cursor but deliver nothing.
 */
final class CommentPoll {
    private static final String EPOCH = "1970-01-01T00:00:00Z";
    private final RepoPoll poll;
    private final JsonNode repository;

    CommentPoll(RepoPoll poll, JsonNode repository) {
        this.poll = poll;
        this.repository = repository;
    }

    void comments() throws IOException, InterruptedException, RepoPoll.Paused {
        Optional<Cursors.Cursor> c = poll.cursor("comments");
        Instant since = c.map(x -> time(x.cursor().path("since").asText(""))).orElse(null);
        if (since == null) {
            baseline();
            return;
        }
        Set<Long> ids = new TreeSet<>();
        c.get().cursor().path("ids").forEach(id -> ids.add(id.asLong()));
        // a second early: whether GitHub's since is inclusive or not, the cursor's own second is asked for again
        Optional<Answer> a = poll.fetch("/repos/" + poll.repo() + "/issues/comments?since=" + since.minusSeconds(1)
                + "&sort=updated&direction=asc&per_page=100", RepoPoll.etag(c), Set.of());
        if (a.isEmpty()) return;
        Instant newest = since;
        Set<Long> atNewest = new TreeSet<>(ids);
        for (JsonNode comment : a.get().body()) {
            long id = comment.path("id").asLong();
            Instant created = time(comment.path("created_at").asText(""));
            Instant updated = time(comment.path("updated_at").asText(""));
            if (created == null || updated == null) continue;
            if (!ids.contains(id) && !created.isBefore(since)) {
                poll.deliver(PolledDeliveries.issueComment(repository, comment));
            }
            if (updated.isAfter(newest)) {
                newest = updated;
                atNewest.clear();
            }
            if (updated.equals(newest)) atNewest.add(id);
        }
        poll.put("comments", a.get().etag(), cursor(newest.toString(), atNewest));
    }

    /** Only the newest comment is asked for: its time is where the next poll starts. */
    private void baseline() throws IOException, InterruptedException, RepoPoll.Paused {
        Optional<Answer> a = poll.fetch("/repos/" + poll.repo() + "/issues/comments?sort=updated&direction=desc"
                + "&per_page=1", Optional.empty(), Set.of());
        if (a.isEmpty()) return;
        JsonNode newest = a.get().body().path(0);
        Instant at = time(newest.path("updated_at").asText(""));
        Set<Long> ids = new TreeSet<>();
        if (at != null) ids.add(newest.path("id").asLong());
        // no ETag: the next request asks for another list
        poll.put("comments", Optional.empty(), cursor(at == null ? EPOCH : at.toString(), ids));
    }

    private static ObjectNode cursor(String since, Set<Long> ids) {
        ObjectNode c = Json.object().put("since", since);
        ArrayNode list = c.putArray("ids");
        ids.forEach(list::add);
        return c;
    }

    private static Instant time(String text) {
        try {
            return text.isBlank() ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
