package dev.kairos.memory;

import dev.kairos.event.Secrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the index in line with the files: re-reads the files whose size, time or content changed, embeds the
 * texts it has not embedded before, and swaps their items in, in SQLite and in the vectors held in memory.
 * Not thread-safe: {@link Memory} holds its write lock around every call.
 */
final class Indexer {
    private static final Logger log = LoggerFactory.getLogger(Indexer.class);
    private static final String EMBEDDER_KEY = "embedder";

    private final MemoryFiles files;
    private final MemoryIndex index;
    private final VectorIndex vectors;
    private final Embedder embedder;
    private boolean vectorsLoaded;

    Indexer(MemoryFiles files, MemoryIndex index, VectorIndex vectors, Embedder embedder) {
        this.files = files;
        this.index = index;
        this.vectors = vectors;
        this.embedder = embedder;
    }

    /** Forgets everything and indexes every file again, re-embedding every text. */
    void rebuild() {
        index.clear();
        vectors.clear();
        vectorsLoaded = true;
        update();
    }

    /** Updates what changed; everything when the index was built by another embedder. Returns files re-read. */
    int refresh() {
        if (!embedder.id().equals(index.meta(EMBEDDER_KEY)) && index.count() > 0) {
            log.info("memory reindex reason=embedder-changed embedder={}", embedder.id());
            index.clear();
            vectors.clear();
        }
        loadVectors();
        return update();
    }

    boolean vectorsLoaded() {
        return vectorsLoaded;
    }

    /** Fills the in-memory vectors from SQLite, once. */
    void loadVectors() {
        if (vectorsLoaded) return;
        vectors.clear();
        vectors.reserve(index.count());
        index.forEachVector(vectors::put);
        vectorsLoaded = true;
    }

    /** Re-reads changed files, embeds what is new, swaps their items in; returns files re-read or removed. */
    int update() {
        Map<String, MemoryIndex.Stamp> stamps = index.stamps();
        Map<String, Path> present = files.list();
        List<Pending> pending = new ArrayList<>();
        for (Map.Entry<String, Path> f : present.entrySet()) {
            try {
                Pending p = changed(f.getKey(), f.getValue(), stamps.get(f.getKey()));
                if (p != null) pending.add(p);
            } catch (IOException | UncheckedIOException e) {
                log.warn("memory file unreadable path={} error={}", f.getValue(), e.getMessage());
            }
        }
        Set<String> removed = new HashSet<>(stamps.keySet());
        removed.removeAll(present.keySet());
        if (pending.isEmpty() && removed.isEmpty()) return 0;

        MemoryIndex.Changes changes = index.apply(embed(pending), removed);
        changes.removed().forEach(vectors::remove);
        vectors.reserve(changes.added().size());
        changes.added().forEach((id, blob) -> {
            if (blob != null) vectors.put(id, blob, changes.inArchive().contains(id));
        });
        index.meta(EMBEDDER_KEY, embedder.id());
        log.info("memory refreshed files={} removed={} items+={} items-={}", pending.size(), removed.size(),
                changes.added().size(), changes.removed().size());
        return pending.size() + removed.size();
    }

    /** The file's new items, or null when it has not changed (a file touched but not changed is restamped). */
    private Pending changed(String path, Path file, MemoryIndex.Stamp old) throws IOException {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        long size = attrs.size();
        long mtime = attrs.lastModifiedTime().toMillis();
        if (old != null && old.size() == size && old.mtime() == mtime) return null;
        String content = Files.readString(file);
        String hash = Hashes.sha256(content);
        MemoryIndex.Stamp stamp = new MemoryIndex.Stamp(size, mtime, hash);
        if (old != null && old.hash().equals(hash)) {
            index.restamp(path, stamp);
            return null;
        }
        List<Entry> entries = files.parse(path, content, files.lastChanged(file)).stream()
                .map(e -> new Entry(e.path(), e.line(), e.date(), Secrets.redact(e.text()), e.provenance(),
                        e.trust()))
                .toList();
        return new Pending(path, stamp, entries);
    }

    private record Pending(String path, MemoryIndex.Stamp stamp, List<Entry> entries) {}

    /** Vectors for new texts, in batches; a text already embedded (in any file) keeps its vector. */
    private List<MemoryIndex.Replacement> embed(List<Pending> pending) {
        Map<Pending, List<String>> hashesOf = new LinkedHashMap<>();
        Map<String, String> textOf = new LinkedHashMap<>();
        for (Pending p : pending) {
            List<String> hashes = new ArrayList<>(p.entries().size());
            for (Entry e : p.entries()) {
                String h = Hashes.sha256(e.text());
                hashes.add(h);
                textOf.putIfAbsent(h, e.text());
            }
            hashesOf.put(p, hashes);
        }
        Map<String, byte[]> known = index.vectorsByHash(textOf.keySet());
        List<String> missing = textOf.keySet().stream().filter(h -> !known.containsKey(h)).toList();
        if (!missing.isEmpty()) {
            List<float[]> made = embedder.embed(missing.stream().map(textOf::get).toList());
            for (int i = 0; i < missing.size(); i++) known.put(missing.get(i), VectorIndex.toBlob(made.get(i)));
        }
        List<MemoryIndex.Replacement> out = new ArrayList<>();
        hashesOf.forEach((p, hashes) -> out.add(new MemoryIndex.Replacement(p.path(), p.stamp(), p.entries(), hashes,
                hashes.stream().map(known::get).toList())));
        return out;
    }
}
