package dev.kairos.dream;

import dev.kairos.config.Config;
import dev.kairos.memory.Embedder;
import dev.kairos.memory.MemoryItem;
import dev.kairos.memory.MemoryText;
import dev.kairos.model.ModelClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jgit.revwalk.RevCommit;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nightly consolidation of memory/: orient (topics and index), gather (journal days since the last dream),
 * consolidate (topics merged, dated, contradictions resolved), prune and index (MEMORY.md, archive/), all planned in
 * memory first; then, unless it is a dry run or over a limit, written and committed as one commit of memory/'s git
 * history whose message is the report. A failure while writing puts memory/ back as it was; so does the next
 * dream after a crash, from the commit noted in the lock.
 */
public final class Dream {
    private static final Logger log = LoggerFactory.getLogger(Dream.class);
    /** A dream that would lose more than this share of the topics' items is refused. */
    static final double MAX_DROP = 0.25;

    /**
     * Where memory lives and what a dream needs; {@code afterChange} runs once memory/ changed (reindex);
     * {@code smallModel}, asked at each dream, the model that rewrites clusters of notes, if any may be used now.
     */
    public record Setup(Path memoryDir, Path lockFile, Jdbi jdbi, Embedder embedder, Config.Dream config, ZoneId zone,
            InstantSource clock, Runnable afterChange, Supplier<Optional<ModelClient>> smallModel) {

        /** Without a model: every dream deterministic. */
        public Setup(Path memoryDir, Path lockFile, Jdbi jdbi, Embedder embedder, Config.Dream config, ZoneId zone,
                InstantSource clock, Runnable afterChange) {
            this(memoryDir, lockFile, jdbi, embedder, config, zone, clock, afterChange, Optional::empty);
        }
    }

    /** Whether the gates are open, and which one is closed if not. */
    public record Gate(boolean open, String reason) {}

    /** The result of `kairos dream undo`. */
    public record Undo(boolean done, String dream, String commit, String message) {}

    private final Setup s;
    private final DreamLock lock;
    private final DreamLog history;
    private final DreamGates gates;

    public Dream(Setup setup) {
        this(setup, DreamLock.of(setup.lockFile()));
    }

    Dream(Setup setup, DreamLock lock) {
        this.s = setup;
        this.lock = lock;
        this.history = new DreamLog(setup.jdbi());
        this.gates = new DreamGates(setup.config(), setup.zone());
    }

    /** Whether the gates are open now (time, 20 hours apart, new material); cheap, reads no memory file. */
    public Gate due() {
        DreamGates.Verdict v = gates.check(s.clock().instant(), history.last(), s.memoryDir().resolve("journal"));
        return new Gate(v.open(), v.reason());
    }

    /** A dream if the gates are open, else a NOT_DUE report saying which gate is closed. */
    public DreamReport runIfDue() {
        Gate v = due();
        if (!v.open()) return DreamReport.without(DreamReport.Outcome.NOT_DUE, v.reason(), s.clock().instant());
        return run(false);
    }

    /** A dream now, whatever the time gates say; with {@code dryRun} it only reports and diffs. */
    public DreamReport run(boolean dryRun) {
        Instant now = s.clock().instant();
        DreamLock.Acquired got = lock.acquire(now);
        if (got.held().isEmpty()) return DreamReport.without(DreamReport.Outcome.BUSY, got.busy(), now);
        try (MemoryRepo repo = MemoryRepo.open(s.memoryDir(), s.clock(), s.zone())) {
            String crashed = got.held().get().crashedAt();
            if (crashed != null && repo.head().orElse("").equals(crashed)) {
                log.warn("dream recovering memory after a crashed dream base={}", crashed);
                repo.restore(crashed);
            }
            LocalDate today = now.atZone(s.zone()).toLocalDate();
            LocalDate since = repo.lastDream().map(c -> c.getAuthorIdent().getWhenAsInstant().atZone(s.zone())
                    .toLocalDate()).orElse(null);
            Night night = Night.plan(s.memoryDir(), since, today, s.config().retentionDays(),
                    new Consolidation(s.embedder(), rewrites(dryRun)));
            DreamReport report = night.report(now);
            Optional<String> refusal = night.refusal(MAX_DROP);
            if (refusal.isPresent()) return recorded(report.with(DreamReport.Outcome.REFUSED, refusal.get(), null));
            if (night.plan().empty()) return recorded(report.with(DreamReport.Outcome.UNCHANGED, "", null));
            if (dryRun) return report.with(DreamReport.Outcome.DRY_RUN, "", null);
            return recorded(write(repo, night, report));
        } catch (IOException e) {
            throw new UncheckedIOException("dream failed: " + e.getMessage(), e);
        } finally {
            lock.release();
        }
    }

    /** The small model's rewrites, if one may be used now; a dry run spends nothing, so it has none. */
    private Rewrites rewrites(boolean dryRun) {
        if (dryRun || s.config().maxTokens() <= 0) return Rewrites.none();
        Optional<ModelClient> model;
        try {
            model = s.smallModel().get();
        } catch (RuntimeException e) {
            log.warn("dream without the small model: {}", e.getMessage());
            model = Optional.empty();
        }
        return model.map(m -> Rewrites.with(m, s.embedder(), s.config().maxTokens())).orElseGet(Rewrites::none);
    }

    private DreamReport write(MemoryRepo repo, Night night, DreamReport report) throws IOException {
        repo.commitAll("Memory before the dream of " + report.at());
        String base = repo.head().orElseThrow();
        lock.writing(base, report.at());
        if (!night.stillCurrent(s.memoryDir())) {
            return report.with(DreamReport.Outcome.UNCHANGED, "memory changed while the dream was planned; "
                    + "the next dream will see it", null);
        }
        try {
            night.plan().apply(s.memoryDir());
        } catch (IOException | RuntimeException e) {
            repo.restore(base);
            throw new IOException("could not write the dream (memory is as it was): " + e.getMessage(), e);
        }
        String commit = repo.commitAll(report.message()).orElse(null);
        s.afterChange().run();
        log.info("dream done commit={} merged={} pruned={} archived={} items={}->{}", commit, report.merged(),
                report.pruned(), report.archived(), report.itemsBefore(), report.itemsAfter());
        return report.with(DreamReport.Outcome.DREAMT, "", commit);
    }

    /** Reverts the last dream not yet undone, as a new commit; refused when its files were edited since. */
    public Undo undo() {
        Instant now = s.clock().instant();
        DreamLock.Acquired got = lock.acquire(now);
        if (got.held().isEmpty()) return new Undo(false, null, null, got.busy());
        try (MemoryRepo repo = MemoryRepo.open(s.memoryDir(), s.clock(), s.zone())) {
            repo.commitAll("Memory before undoing a dream, " + now);
            Optional<RevCommit> last = repo.lastDream();
            if (last.isEmpty()) return new Undo(false, null, null, "no dream to undo in " + s.memoryDir());
            Optional<String> undone = repo.revert(last.get());
            if (undone.isEmpty()) {
                return new Undo(false, last.get().name(), null, "cannot undo the dream " + last.get().name()
                        .substring(0, 10) + ": files it changed were edited since; see git -C " + s.memoryDir() + " log");
            }
            s.afterChange().run();
            return new Undo(true, last.get().name(), undone.get(), "undid the dream " + last.get().name()
                    .substring(0, 10) + " (" + last.get().getShortMessage() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e.getMessage(), e);
        } finally {
            lock.release();
        }
    }

    private DreamReport recorded(DreamReport r) {
        history.record(r);
        return r;
    }

    static int items(java.util.Map<String, String> tree) {
        int n = 0;
        for (var e : tree.entrySet()) {
            if (e.getKey().startsWith(MemoryTree.ARCHIVE)) continue;
            n += MemoryText.items(e.getKey(), e.getValue(), LocalDate.EPOCH).size();
        }
        return n;
    }

    static List<MemoryItem> all(java.util.Map<String, String> tree) {
        return tree.entrySet().stream()
                .flatMap(e -> MemoryText.items(e.getKey(), e.getValue(), LocalDate.EPOCH).stream()).toList();
    }
}
