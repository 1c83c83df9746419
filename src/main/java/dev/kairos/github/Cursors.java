package dev.kairos.github;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.jdbi.v3.core.Jdbi;

/**
 * What polling has seen of each repository's resources (table github_polls): the ETag to send back and a JSON
 * cursor. Read once and kept in memory (the poller is the only writer). Changes are staged and become durable only
 * when {@link #commit} is called at the next poll: the events of a poll reach the inbox after the poll returns, so
 * a crash in between repeats them (the inbox deduplicates) instead of losing them. Not thread-safe.
 */
final class Cursors {
    /** One resource's stored state; {@code cursor} is never null. */
    record Cursor(Optional<String> etag, JsonNode cursor) {}

    private record Id(String repo, String resource) implements Comparable<Id> {
        @Override
        public int compareTo(Id o) {
            int c = repo.compareTo(o.repo);
            return c != 0 ? c : resource.compareTo(o.resource);
        }
    }

    private final Jdbi jdbi;
    private TreeMap<Id, Cursor> durable;
    private final Map<Id, Optional<Cursor>> staged = new LinkedHashMap<>();

    Cursors(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Optional<Cursor> get(String repo, String resource) {
        Optional<Cursor> pending = staged.get(new Id(repo, resource));
        return pending != null ? pending : Optional.ofNullable(durable().get(new Id(repo, resource)));
    }

    void put(String repo, String resource, Optional<String> etag, JsonNode cursor) {
        staged.put(new Id(repo, resource), Optional.of(new Cursor(etag, cursor)));
    }

    void remove(String repo, String resource) {
        staged.put(new Id(repo, resource), Optional.empty());
    }

    /** The resources of {@code repo} whose names start with {@code prefix}, staged changes included. */
    List<String> resources(String repo, String prefix) {
        Map<Id, Boolean> present = new TreeMap<>();
        durable().keySet().forEach(id -> present.put(id, true));
        staged.forEach((id, c) -> present.put(id, c.isPresent()));
        List<String> out = new ArrayList<>();
        present.forEach((id, there) -> {
            if (there && id.repo().equals(repo) && id.resource().startsWith(prefix)) out.add(id.resource());
        });
        return out;
    }

    /** Makes the staged changes durable, in one transaction: call once the events they describe are stored. */
    void commit() {
        if (staged.isEmpty()) return;
        jdbi.useTransaction(h -> staged.forEach((id, c) -> {
            if (c.isEmpty()) {
                h.createUpdate("DELETE FROM github_polls WHERE repo = :r AND resource = :s")
                        .bind("r", id.repo()).bind("s", id.resource()).execute();
            } else {
                h.createUpdate("""
                        INSERT INTO github_polls (repo, resource, etag, cursor) VALUES (:r, :s, :e, :c)
                        ON CONFLICT (repo, resource) DO UPDATE SET etag = excluded.etag, cursor = excluded.cursor""")
                        .bind("r", id.repo()).bind("s", id.resource()).bind("e", c.get().etag().orElse(null))
                        .bind("c", Json.write(c.get().cursor())).execute();
            }
        }));
        staged.forEach((id, c) -> {
            if (c.isPresent()) durable().put(id, c.get());
            else durable().remove(id);
        });
        staged.clear();
    }

    private TreeMap<Id, Cursor> durable() {
        if (durable == null) {
            TreeMap<Id, Cursor> read = new TreeMap<>();
            jdbi.useHandle(h -> h.createQuery("SELECT repo, resource, etag, cursor FROM github_polls")
                    .map((rs, ctx) -> Map.entry(new Id(rs.getString("repo"), rs.getString("resource")),
                            new Cursor(Optional.ofNullable(rs.getString("etag")), readable(rs.getString("cursor")))))
                    .forEach(e -> read.put(e.getKey(), e.getValue())));
            durable = read;
        }
        return durable;
    }

    /** An unreadable cursor counts as an empty one: that resource starts again from its baseline. */
    private static JsonNode readable(String json) {
        try {
            JsonNode n = Json.tree(json);
            return n.isObject() ? n : Json.object();
        } catch (IllegalStateException e) {
            return Json.object();
        }
    }
}
