package dev.kairos.bench;

import dev.kairos.memory.Embedder;
import dev.kairos.memory.Journal;
import dev.kairos.memory.Memory;
import dev.kairos.memory.PackedMemory;
import dev.kairos.memory.Ranking;
import dev.kairos.model.Tokens;
import dev.kairos.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The LoCoMo memory benchmark: each conversation's sessions are replayed, in date order, as days of a user's chat
 * history through the journal (one entry per turn, its dia_id as provenance); the index is built from those files;
 * then, for every question of categories 1 to 4, the memory context the agent would get is packed under the budget
 * and scored by how much of the question's evidence it holds. Baselines run on the same index in the same run.
 *
 * <p>Latency is the time to pack one question's memory, the query's embedding included, once the JIT has compiled
 * the search path: the first conversation first answers {@value #COLD_QUERIES} packs, timed apart as the cold start,
 * and each conversation starts its timing from a collected heap, so the garbage of indexing it (embedding hundreds of
 * turns) and of promoting the start-up's long-lived data is not charged to some question.
 *
 * <p>Maharana et al., "Evaluating Very Long-Term Conversational Memory of LLM Agents", ACL 2024 (arXiv 2402.17753).
 */
public final class LocomoBench {
    /** Packs answered once per run before any timing, cycling the first conversation's questions. */
    static final int COLD_QUERIES = 300;
    /** Unmeasured queries per conversation and method before timing: a new index's first reads. */
    private static final int WARMUP_QUERIES = 10;

    static final Map<String, Ranking> METHODS = methods();

    private final Path workDir;
    private final Embedder embedder;

    /** {@code workDir} holds each conversation's replayed memory and index while it runs. */
    public LocomoBench(Path workDir, Embedder embedder) {
        this.workDir = workDir;
        this.embedder = embedder;
    }

    public LocomoReport run(Path dataFile, int budget, Integer onlyConversationIndexOrNull) {
        if (budget <= 0) throw new IllegalArgumentException("--budget must be a positive number of tokens, not " + budget);
        LocomoData data = LocomoData.read(dataFile);
        List<LocomoData.Conversation> chosen = data.conversations();
        if (onlyConversationIndexOrNull != null) {
            int i = onlyConversationIndexOrNull;
            if (i < 0 || i >= chosen.size()) {
                throw new IllegalArgumentException("conversation " + i + " does not exist: the file has "
                        + chosen.size() + " (0 to " + (chosen.size() - 1) + ")");
            }
            chosen = List.of(chosen.get(i));
        }
        LocomoReport.Builder report = new LocomoReport.Builder(budget, METHODS.keySet());
        for (LocomoData.Conversation c : chosen) runConversation(c, budget, report);
        return report.build();
    }

    private void runConversation(LocomoData.Conversation c, int budget, LocomoReport.Builder report) {
        Path dir = workDir.resolve(c.id());
        try {
            WorkDir.deleteRecursively(dir);
            Files.createDirectories(dir);
            Store store = Store.open(dir.resolve("state.db"));
            Journal journal = replay(c, dir.resolve("memory"));
            try (Memory memory = new Memory(dir.resolve("memory"), store.jdbi(), ZoneOffset.UTC, embedder)) {
                int items = memory.reindex();
                LocalDate today = c.sessions().get(c.sessions().size() - 1).at().toLocalDate();
                List<LocomoData.Question> questions = c.questions().stream()
                        .filter(q -> q.category() >= 1 && q.category() <= 4)
                        .toList();
                if (!report.hasColdStart() && !questions.isEmpty()) {
                    report.coldStart(coldStart(memory, questions, budget, today));
                }
                for (int i = 0; i < Math.min(WARMUP_QUERIES, questions.size()); i++) {
                    for (Ranking r : METHODS.values()) memory.pack(questions.get(i).text(), budget, today, r);
                }
                System.gc();
                var conv = new LocomoReport.ConversationResult.Builder(c.id(), items, historyTokens(journal.dir()));
                int skipped = 0;
                for (LocomoData.Question q : questions) {
                    if (q.evidence().isEmpty()) {
                        skipped++;
                    } else {
                        measure(memory, q, budget, today, report, conv);
                    }
                }
                int droppedIds = questions.stream().mapToInt(LocomoData.Question::droppedEvidence).sum();
                report.conversation(conv.build(questions.size() - skipped, skipped, droppedIds));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replay " + c.id() + " under " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The conversation's sessions, in date order, as days of the journal: one entry per turn, dia_id its provenance. */
    private static Journal replay(LocomoData.Conversation c, Path memoryDir) {
        Journal journal = new Journal(memoryDir, ZoneOffset.UTC);
        for (LocomoData.Session s : c.sessions()) {
            var at = s.at().toInstant(ZoneOffset.UTC);
            for (LocomoData.Turn t : s.turns()) journal.append(at, t.speaker(), t.text(), t.diaId());
        }
        return journal;
    }

    /** One question with every method: recall of its evidence, tokens packed, latency. */
    private static void measure(Memory memory, LocomoData.Question q, int budget, LocalDate today,
            LocomoReport.Builder report, LocomoReport.ConversationResult.Builder conv) {
        for (Map.Entry<String, Ranking> m : METHODS.entrySet()) {
            long t0 = System.nanoTime();
            PackedMemory packed = memory.pack(q.text(), budget, today, m.getValue());
            double ms = (System.nanoTime() - t0) / 1e6;
            Set<String> got = new HashSet<>();
            packed.items().forEach(it -> got.add(it.provenance()));
            long hit = q.evidence().stream().filter(got::contains).count();
            double recall = (double) hit / q.evidence().size();
            report.add(m.getKey(), q.category(), recall, packed.tokens(), ms);
            if (m.getValue() == Ranking.HYBRID) conv.add(recall);
        }
    }

    /** The first packs of the run, while the JIT compiles the search path: what a fresh daemon's first queries see. */
    private static LocomoReport.Latency coldStart(Memory memory, List<LocomoData.Question> questions, int budget,
            LocalDate today) {
        List<Double> ms = new ArrayList<>(COLD_QUERIES);
        for (int i = 0; i < COLD_QUERIES; i++) {
            long t0 = System.nanoTime();
            memory.pack(questions.get(i % questions.size()).text(), budget, today, Ranking.HYBRID);
            ms.add((System.nanoTime() - t0) / 1e6);
        }
        ms.sort(null);
        return new LocomoReport.Latency(COLD_QUERIES, Tally.percentile(ms, 0.5), Tally.percentile(ms, 0.99));
    }

    /** The whole replayed history as the journal holds it: what the agent would read without memory retrieval. */
    private static int historyTokens(Path journalDir) throws IOException {
        int total = 0;
        try (Stream<Path> days = Files.list(journalDir)) {
            for (Path day : days.sorted().toList()) total += Tokens.count(Files.readString(day));
        }
        return total;
    }

    private static Map<String, Ranking> methods() {
        Map<String, Ranking> m = new LinkedHashMap<>();
        m.put(LocomoReport.OURS, Ranking.HYBRID);
        m.put("recency", Ranking.RECENT);
        m.put("words", Ranking.WORDS);
        m.put("meaning", Ranking.MEANING);
        return m;
    }

}
