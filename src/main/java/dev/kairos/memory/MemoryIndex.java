package dev.kairos.memory;

import dev.kairos.event.Trust;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The SQLite side of the index: files as last seen, items, their stemmed words (FTS5) and stored vectors. */
final class MemoryIndex {
    record Stamp(long size, long mtime, String hash) {}

    record Row(long id, String path, int line, LocalDate date, String text, String provenance, Trust trust, int tokens) {}

    /** A file's new items with their vectors, replacing whatever the index held for that path. */
    record Replacement(String path, Stamp stamp, List<Entry> entries, List<String> hashes, List<byte[]> vectors) {}

    private final Jdbi jdbi;
    /**
     * One connection kept open: SQLite opens a connection in about a millisecond, too slow to pay per query, and
     * the index is one reader and one writer at a time anyway.
     */
    private Handle handle;
    /** Items in the index, counted once after each change: counting 100,000 rows takes milliseconds. */
    private int items = -1;

    MemoryIndex(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    private synchronized <T> T with(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
        if (handle == null) handle = jdbi.open();
        return work.withHandle(handle);
    }

    private void use(org.jdbi.v3.core.HandleConsumer<RuntimeException> work) {
        with(h -> {
            work.useHandle(h);
            return null;
        });
    }

    private <T> T inTransaction(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
        return with(h -> h.inTransaction(work));
    }

    synchronized void close() {
        if (handle != null) handle.close();
        handle = null;
    }

    Map<String, Stamp> stamps() {
        Map<String, Stamp> out = new HashMap<>();
        use(h -> h.createQuery("SELECT path, size, mtime, hash FROM memory_files")
                .map((rs, ctx) -> Map.entry(rs.getString(1), new Stamp(rs.getLong(2), rs.getLong(3), rs.getString(4))))
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    void restamp(String path, Stamp stamp) {
        use(h -> h.execute("UPDATE memory_files SET size = ?, mtime = ? WHERE path = ?",
                stamp.size(), stamp.mtime(), path));
    }

    /** Stored vectors for any of these text hashes, wherever their items live. */
    Map<String, byte[]> vectorsByHash(Collection<String> hashes) {
        Map<String, byte[]> out = new HashMap<>();
        if (hashes.isEmpty()) return out;
        use(h -> {
            for (List<String> chunk : chunks(new ArrayList<>(hashes), 500)) {
                h.createQuery("SELECT text_hash, vector FROM memory_items WHERE vector IS NOT NULL AND text_hash IN (<h>)")
                        .bindList("h", chunk)
                        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getBytes(2)))
                        .forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
            }
        });
        return out;
    }

    /**
     * Replaces the items of the given paths and forgets the removed paths, in one transaction. Returns the ids
     * removed and the ids added with their vectors, for the in-memory vector index.
     */
    synchronized Changes apply(List<Replacement> replacements, Collection<String> removedPaths) {
        items = -1;
        return inTransaction(h -> {
            Changes changes = new Changes(new ArrayList<>(), new HashMap<>(), new java.util.HashSet<>());
            List<String> gone = new ArrayList<>(removedPaths);
            replacements.forEach(r -> gone.add(r.path()));
            for (String path : gone) {
                changes.removed().addAll(h.createQuery("SELECT id FROM memory_items WHERE path = ?")
                        .bind(0, path).mapTo(Long.class).list());
                h.execute("DELETE FROM memory_items WHERE path = ?", path);
                h.execute("DELETE FROM memory_files WHERE path = ?", path);
            }
            for (Replacement r : replacements) insert(h, r, changes);
            return changes;
        });
    }

    /** {@code inArchive}: those of the added ids that live in archive/. */
    record Changes(List<Long> removed, Map<Long, byte[]> added, java.util.Set<Long> inArchive) {}

    private static void insert(Handle h, Replacement r, Changes changes) {
        for (int i = 0; i < r.entries().size(); i++) {
            Entry e = r.entries().get(i);
            long id = h.createQuery("INSERT INTO memory_items (path, line, day, text, provenance, text_hash, tokens,"
                            + " vector, trust) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id")
                    .bind(0, e.path()).bind(1, e.line()).bind(2, e.date().toString()).bind(3, e.text())
                    .bind(4, e.provenance()).bind(5, r.hashes().get(i))
                    .bind(6, Packer.lineTokens(e.text(), e.provenance(), e.trust())).bind(7, r.vectors().get(i))
                    .bind(8, e.trust().name())
                    .mapTo(Long.class).one();
            changes.added().put(id, r.vectors().get(i));
            if (archived(e.path())) changes.inArchive().add(id);
            boolean line = Sources.isLine(e.path());
            for (String source : Sources.of(e.path(), e.provenance())) {
                h.execute("INSERT INTO memory_sources (item_id, source, is_line) VALUES (?, ?, ?)", id, source,
                        line ? 1 : 0);
            }
        }
        h.execute("INSERT INTO memory_files (path, size, mtime, hash) VALUES (?, ?, ?, ?)",
                r.path(), r.stamp().size(), r.stamp().mtime(), r.stamp().hash());
    }

    synchronized void clear() {
        items = -1;
        inTransaction(h -> {
            h.execute("DELETE FROM memory_items");
            h.execute("DELETE FROM memory_files");
            h.execute("INSERT INTO memory_fts (memory_fts) VALUES ('rebuild')");
            return null;
        });
    }

    /**
     * Item ids ranked by BM25 for an FTS5 MATCH expression, best first (ties by id). Only the newest {@code window}
     * matches are scored, which bounds the cost: FTS5 scores every match it is given, sorted or not. Without
     * {@code withArchive}, items in archive/ are not matched at all: the archive grows without end, and its items
     * would take the places of the default context's own in the ranking.
     */
    List<Long> words(String match, int window, int limit, boolean withArchive) {
        if (match.isEmpty()) return List.of();
        String sql = withArchive ? """
                SELECT rowid FROM (SELECT rowid, bm25(memory_fts) AS score FROM memory_fts
                                   WHERE memory_fts MATCH ? ORDER BY rowid DESC LIMIT ?)
                ORDER BY score, rowid LIMIT ?""" : """
                SELECT rowid FROM (SELECT memory_fts.rowid AS rowid, bm25(memory_fts) AS score FROM memory_fts
                                   JOIN memory_items i ON i.id = memory_fts.rowid
                                   WHERE memory_fts MATCH ? AND i.path NOT LIKE 'archive/%'
                                   ORDER BY memory_fts.rowid DESC LIMIT ?)
                ORDER BY score, rowid LIMIT ?""";
        return with(h -> h.createQuery(sql).bind(0, match).bind(1, window).bind(2, limit).mapTo(Long.class).list());
    }

    static boolean archived(String path) {
        return path.startsWith(MemoryFiles.ARCHIVE);
    }

    /**
     * How many items each FTS5 MATCH expression finds, counted up to {@code cap} (cheap: nothing is scored), in one
     * statement.
     */
    int[] matches(List<String> expressions, int cap) {
        String count = "(SELECT count(*) FROM (SELECT 1 FROM memory_fts WHERE memory_fts MATCH ? LIMIT ?))";
        String sql = "SELECT " + String.join(", ", Collections.nCopies(expressions.size(), count));
        return with(h -> {
            var query = h.createQuery(sql);
            for (int i = 0; i < expressions.size(); i++) query.bind(2 * i, expressions.get(i)).bind(2 * i + 1, cap);
            return query.map((rs, ctx) -> {
                int[] counts = new int[expressions.size()];
                for (int i = 0; i < counts.length; i++) counts[i] = rs.getInt(i + 1);
                return counts;
            }).one();
        });
    }

    /** Item ids newest first: by day, then by place in the files; archive/ left out unless {@code withArchive}. */
    List<Long> recent(int limit, boolean withArchive) {
        return with(h -> h.createQuery("SELECT id FROM memory_items"
                        + (withArchive ? "" : " WHERE path NOT LIKE 'archive/%'")
                        + " ORDER BY day DESC, path DESC, line DESC LIMIT ?")
                .bind(0, limit).mapTo(Long.class).list());
    }

    Map<Long, Row> rows(Collection<Long> ids) {
        Map<Long, Row> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        use(h -> h.createQuery("SELECT id, path, line, day, text, provenance, tokens, trust FROM memory_items"
                        + " WHERE id IN (SELECT value FROM json_each(?))")
                .bind(0, jsonArray(ids))
                .map((rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getInt(3),
                        LocalDate.parse(rs.getString(4)), rs.getString(5), rs.getString(6), trust(rs.getString(8)),
                        rs.getInt(7)))
                .forEach(r -> out.put(r.id(), r)));
        return out;
    }

    /** Anything but TRUSTED as written reads as UNTRUSTED: unsure means stricter. */
    private static Trust trust(String stored) {
        return Trust.TRUSTED.name().equals(stored) ? Trust.TRUSTED : Trust.UNTRUSTED;
    }

    /** Ids of the items just before and after each given one in the same file (by line), keyed by the given id. */
    Map<Long, List<Long>> neighbours(Collection<Long> ids) {
        Map<Long, List<Long>> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        use(h -> h.createQuery("""
                        SELECT i.id, (SELECT p.id FROM memory_items p WHERE p.path = i.path AND p.line < i.line
                                      ORDER BY p.line DESC LIMIT 1),
                                     (SELECT n.id FROM memory_items n WHERE n.path = i.path AND n.line > i.line
                                      ORDER BY n.line LIMIT 1)
                        FROM memory_items i WHERE i.id IN (SELECT value FROM json_each(?))""")
                .bind(0, jsonArray(ids))
                .map((rs, ctx) -> {
                    List<Long> both = new ArrayList<>(2);
                    long prev = rs.getLong(2);
                    if (!rs.wasNull()) both.add(prev);
                    long next = rs.getLong(3);
                    if (!rs.wasNull()) both.add(next);
                    return Map.entry(rs.getLong(1), both);
                })
                .forEach(e -> out.put(e.getKey(), e.getValue())));
        return out;
    }

    /** (key, value) id pairs of a query over a JSON array of ids, grouped by key. */
    Map<Long, List<Long>> pairs(String sql, Collection<Long> ids) {
        Map<Long, List<Long>> out = new HashMap<>();
        if (ids.isEmpty()) return out;
        use(h -> h.createQuery(sql).bind(0, jsonArray(ids))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getLong(2)))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue())));
        return out;
    }

    /** A stored vector, and whether its item lives in archive/. */
    @FunctionalInterface
    interface VectorSink {
        void accept(long id, byte[] vector, boolean inArchive);
    }

    /** Calls back with every stored vector, for loading the in-memory index. */
    void forEachVector(VectorSink sink) {
        use(h -> h.createQuery("SELECT id, vector, path FROM memory_items WHERE vector IS NOT NULL")
                .map((rs, ctx) -> {
                    sink.accept(rs.getLong(1), rs.getBytes(2), archived(rs.getString(3)));
                    return Boolean.TRUE;
                })
                .forEach(done -> {}));
    }

    synchronized int count() {
        if (items < 0) {
            items = with(h -> h.createQuery("SELECT count(*) FROM memory_items").mapTo(Integer.class).one());
        }
        return items;
    }

    String meta(String key) {
        return with(h -> h.createQuery("SELECT value FROM memory_meta WHERE key = ?")
                .bind(0, key).mapTo(String.class).findOne().orElse(null));
    }

    void meta(String key, String value) {
        use(h -> h.execute(
                "INSERT INTO memory_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                key, value));
    }

    /**
     * Ids as one JSON array for {@code IN (SELECT value FROM json_each(?))}: one statement text whatever the count,
     * and one value to bind instead of hundreds.
     */
    private static String jsonArray(Collection<Long> ids) {
        StringBuilder sb = new StringBuilder(ids.size() * 7 + 2).append('[');
        for (long id : ids) {
            if (sb.length() > 1) sb.append(',');
            sb.append(id);
        }
        return sb.append(']').toString();
    }

    private static <T> List<List<T>> chunks(List<T> list, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i += size) out.add(list.subList(i, Math.min(list.size(), i + size)));
        return out;
    }
}
