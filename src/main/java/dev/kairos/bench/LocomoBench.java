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
import java.util.Comparator;
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
 * <p>Maharana et al., "Evaluating Very Long-Term Conversational Memory of LLM Agents", ACL 2024 (arXiv 2402.17753).
 */
public final class LocomoBench {
    /** Unmeasured queries per conversation before timing, so the first questions do not time the JIT. */
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
            Path memoryDir = dir.resolve("memory");
            Journal journal = new Journal(memoryDir, ZoneOffset.UTC);
            for (LocomoData.Session s : c.sessions()) {
                var at = s.at().toInstant(ZoneOffset.UTC);
                for (LocomoData.Turn t : s.turns()) journal.append(at, t.speaker(), t.text(), t.diaId());
            }
            Memory memory = new Memory(memoryDir, store.jdbi(), ZoneOffset.UTC, embedder);
            int items = memory.reindex();
            LocalDate today = c.sessions().get(c.sessions().size() - 1).at().toLocalDate();
            int historyTokens = historyTokens(journal.dir());

            List<LocomoData.Question> questions = c.questions().stream()
                    .filter(q -> q.category() >= 1 && q.category() <= 4)
                    .toList();
            int skipped = 0;
            for (int i = 0; i < Math.min(WARMUP_QUERIES, questions.size()); i++) {
                for (Ranking r : METHODS.values()) memory.pack(questions.get(i).text(), budget, today, r);
            }
            LocomoReport.ConversationResult.Builder conv = new LocomoReport.ConversationResult.Builder(
                    c.id(), items, historyTokens);
            for (LocomoData.Question q : questions) {
                if (q.evidence().isEmpty()) {
                    skipped++;
                    continue;
                }
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
            int droppedIds = questions.stream().mapToInt(LocomoData.Question::droppedEvidence).sum();
            report.conversation(conv.build(questions.size() - skipped, skipped, droppedIds));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replay " + c.id() + " under " + dir + ": " + e.getMessage(), e);
        }
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
