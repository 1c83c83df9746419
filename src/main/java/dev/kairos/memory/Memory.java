package dev.kairos.memory;

import dev.kairos.event.Printable;
import dev.kairos.event.Secrets;
import dev.kairos.event.Trust;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's memory: markdown files under one folder (the source of truth, editable by hand) and an index derived
 * from them (words in SQLite FTS5, meaning as embeddings) for search with provenance.
 *
 * <p>Files change under it (a person edits them, the dream rewrites them): call {@link #refresh()} after a change,
 * or before answering a search from outside the daemon; it re-reads only files whose size, time or content changed.
 * Searches run concurrently; refreshes and writes take turns.
 */
public final class Memory implements AutoCloseable {
    public static final int INDEX_MAX_LINES = 200;
    public static final int INDEX_MAX_BYTES = 25 * 1024;

    private static final Logger log = LoggerFactory.getLogger(Memory.class);

    private final Path dir;
    private final ZoneId zone;
    private final MemoryFiles files;
    private final MemoryIndex index;
    private final VectorIndex vectors = new VectorIndex();
    private final Indexer indexer;
    private final Retrieval retrieval;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    public Memory(Path memoryDir, Jdbi jdbi, ZoneId zone, Embedder embedder) {
        this.dir = memoryDir;
        this.zone = zone;
        this.files = new MemoryFiles(memoryDir, zone);
        this.index = new MemoryIndex(jdbi);
        this.indexer = new Indexer(files, index, vectors, embedder);
        this.retrieval = new Retrieval(index, vectors, embedder);
    }

    /** Rebuilds the whole index from the files, re-embedding everything. Returns the number of items. */
    public int reindex() {
        lock.writeLock().lock();
        try {
            indexer.rebuild();
            return index.count();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Brings the index up to date with the files; returns how many files were re-read. */
    public int refresh() {
        lock.writeLock().lock();
        try {
            return indexer.refresh();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The items best matching {@code query}, best first, near-copies dropped. {@code today} anchors "last week". */
    public List<MemoryItem> search(String query, int limit, LocalDate today) {
        return search(query, limit, today, Ranking.HYBRID);
    }

    public List<MemoryItem> search(String query, int limit, LocalDate today, Ranking ranking) {
        ensureVectors();
        lock.readLock().lock();
        try {
            List<Packer.Candidate> ranked = candidates(query, today, ranking, Math.max(limit, 10), false);
            Retrieval.NearCopies near = retrieval.new NearCopies();
            List<MemoryItem> out = new ArrayList<>();
            for (Packer.Candidate c : ranked) {
                if (out.size() >= limit) break;
                if (ranking != Ranking.HYBRID || near.admit(c)) out.add(c.item());
            }
            return out;
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * The memories for a task: whole items, best first, until {@code tokenBudget} (counted on the rendering) is
     * full or, ranked by {@link Ranking#HYBRID}, the items left are no longer relevant; rendered oldest first.
     * MEMORY.md itself is left out: it sits in the cached prefix already. So is archive/: what the dream folded
     * away is found by {@link #search} only, on request.
     */
    public PackedMemory pack(String query, int tokenBudget, LocalDate today) {
        return pack(query, tokenBudget, today, Ranking.HYBRID);
    }

    public PackedMemory pack(String query, int tokenBudget, LocalDate today, Ranking ranking) {
        ensureVectors();
        lock.readLock().lock();
        try {
            List<Packer.Candidate> ranked = candidates(query, today, ranking, Retrieval.DEPTH, true);
            Retrieval.NearCopies near = retrieval.new NearCopies();
            boolean hybrid = ranking == Ranking.HYBRID;
            return Packer.pack(ranked, tokenBudget, hybrid ? Retrieval.RELEVANT_SHARE : 0,
                    c -> !hybrid || near.admit(c));
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Ranked items with their rows. Caller holds the read lock (near-copy checks read the vectors, too). */
    private List<Packer.Candidate> candidates(String query, LocalDate today, Ranking ranking, int depth,
            boolean defaultContext) {
        Query q = Query.parse(query, today);
        Retrieval.Ranked ranked = retrieval.rank(q, ranking, today, depth, !defaultContext);
        Map<Long, MemoryIndex.Row> rows = new HashMap<>(ranked.rows());
        rows.putAll(index.rows(ranked.scored().stream().map(Retrieval.Scored::id).filter(id -> !rows.containsKey(id))
                .toList()));
        List<Packer.Candidate> out = new ArrayList<>(ranked.scored().size());
        for (Retrieval.Scored s : ranked.scored()) {
            MemoryIndex.Row r = rows.get(s.id());
            if (r == null || defaultContext && (r.path().equals(MemoryFiles.INDEX)
                    || r.path().startsWith(MemoryFiles.ARCHIVE))) continue;
            out.add(new Packer.Candidate(s.id(),
                    new MemoryItem(r.text(), s.score(), r.date(), r.path(), r.provenance(), r.trust()), r.line(),
                    r.tokens()));
        }
        return out;
    }

    /** Keeps a fact of the user's or the agent's own (trusted); see {@link #remember(Topic, String, String, Trust, Instant)}. */
    public MemoryItem remember(Topic topic, String text, String provenance, Instant at) {
        return remember(topic, text, provenance, Trust.TRUSTED, at);
    }

    /**
     * Keeps a fact: appends "- text (YYYY-MM-DD; provenance)" to {@code topics/<topic>.md} and indexes it at once;
     * a fact from a tainted turn keeps its mark ("(2026-11-25; task 7, untrusted)"). The same text twice is kept
     * once. Secrets are redacted and control characters escaped first. Returns the item as search would.
     */
    public MemoryItem remember(Topic topic, String text, String provenance, Trust trust, Instant at) {
        String clean = Printable.of(Secrets.redact(oneLine(text)));
        if (trust != Trust.TRUSTED) clean = Journal.withoutTrailingGroup(clean);
        String prov = Journal.provenance(provenance == null ? "" : provenance, trust);
        if (clean.isEmpty()) throw new IllegalArgumentException("nothing to remember: the text is empty");
        LocalDate day = at.atZone(zone).toLocalDate();
        Path file = dir.resolve(topic.fileName());
        lock.writeLock().lock();
        try {
            Files.createDirectories(file.getParent());
            String existing = Files.exists(file) ? Files.readString(file) : "";
            String item = "- " + clean + " (";
            boolean known = existing.lines().anyMatch(l -> l.startsWith(item));
            if (!known) {
                String heading = existing.isEmpty() ? "# " + capitalized(topic) + "\n\n" : "";
                String sep = existing.isEmpty() || existing.endsWith("\n") ? "" : "\n";
                Files.writeString(file, sep + heading + "- " + clean + " (" + day + "; " + prov + ")\n",
                        StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                MemoryHistory.commit(dir, topic.fileName(), "Remembered in " + topic.fileName() + " (" + prov + ")",
                        at, zone);
            }
            indexer.loadVectors();
            indexer.update();
            return new MemoryItem(clean, 1.0, day, topic.fileName(), prov, MemoryFiles.trustOf(prov));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Lines of a memory file, {@code fromLine} counted from 1, at most {@code lineCount} of them. The path is
     * relative to the memory folder ("topics/user.md", "journal/2026-11-25.md") and cannot leave it.
     */
    public String get(String path, int fromLine, int lineCount) {
        Path file = inside(path);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("no memory file " + path
                    + " (paths are relative to the memory folder, e.g. MEMORY.md, topics/user.md, journal/2026-11-25.md)");
        }
        try {
            return Files.readAllLines(file).stream()
                    .skip(Math.max(0, fromLine - 1))
                    .limit(Math.max(0, lineCount))
                    .reduce(new StringBuilder(), (sb, l) -> sb.append(l).append('\n'), StringBuilder::append)
                    .toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Lines of a memory file, and whether they show someone else's text (UNTRUSTED). */
    public record Excerpt(String text, Trust trust) {}

    /** As {@link #get}, with the trust of what the lines show: UNTRUSTED when any item they touch is marked so. */
    public Excerpt excerpt(String path, int fromLine, int lineCount) {
        String text = get(path, fromLine, lineCount);
        Path file = inside(path);
        try {
            String relative = dir.normalize().relativize(file).toString().replace(java.io.File.separatorChar, '/');
            return new Excerpt(text, files.trustOfLines(relative, Files.readString(file), fromLine, lineCount));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * MEMORY.md, for the cached prefix of every turn. A file edited by hand past the cap is cut at the cap here
     * (with a warning in the log) so the prefix stays bounded.
     */
    public String indexText() {
        Path file = dir.resolve(MemoryFiles.INDEX);
        if (!Files.exists(file)) return "";
        try {
            String text = Files.readString(file);
            MemoryCap cap = MemoryCap.of(text);
            if (cap.fits()) return text;
            log.warn("memory index over cap file={} lines={} bytes={} action=truncated", file, cap.lines(), cap.bytes());
            return cap.cut(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces MEMORY.md, the index of memory: at most {@value #INDEX_MAX_LINES} lines and 25 KB. A text over the
     * cap is refused whole with a {@link MemoryCapException} that says by how much; nothing is written then.
     */
    public void writeIndex(String text) {
        MemoryCap cap = MemoryCap.of(text);
        if (!cap.fits()) throw new MemoryCapException(cap.refusal());
        Path file = dir.resolve(MemoryFiles.INDEX);
        lock.writeLock().lock();
        try {
            Files.createDirectories(dir);
            Path tmp = file.resolveSibling(MemoryFiles.INDEX + ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            indexer.loadVectors();
            indexer.update();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** How many items the index holds and the bytes its vectors take in memory. */
    public Stats stats() {
        ensureVectors();
        lock.readLock().lock();
        try {
            return new Stats(index.count(), vectors.bytes());
        } finally {
            lock.readLock().unlock();
        }
    }

    public record Stats(int items, long vectorBytes) {}

    /** Closes the index's database connection; the files need no closing. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            index.close();
        } finally {
            lock.writeLock().unlock();
        }
    }

    public Path dir() {
        return dir;
    }

    private void ensureVectors() {
        lock.readLock().lock();
        try {
            if (indexer.vectorsLoaded()) return;
        } finally {
            lock.readLock().unlock();
        }
        lock.writeLock().lock();
        try {
            indexer.loadVectors();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private Path inside(String path) {
        Path file = dir.resolve(path).normalize();
        if (!file.startsWith(dir.normalize()) || path.isBlank()) {
            throw new IllegalArgumentException("not a memory file: " + path + " (paths stay inside the memory folder)");
        }
        return file;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String capitalized(Topic topic) {
        String n = topic.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
}
