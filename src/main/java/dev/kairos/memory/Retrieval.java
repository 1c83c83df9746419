package dev.kairos.memory;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Ranks items for a query. Hybrid ranking fuses the words ranking (BM25) and the meaning ranking (cosine) by
 * reciprocal rank, which needs no calibration between their scores; then items on the days the query names rise, the
 * recent rise a little, and near-copies of an item already ranked higher are dropped.
 */
final class Retrieval {
    /** Candidates taken from each ranker. */
    static final int DEPTH = 150;
    /**
     * The RRF constant. Below the usual 60: with tens of items packed, the head of each ranking deserves more
     * weight than two rankers' lukewarm agreement (measured on LoCoMo's development half: 20 beat 60 and 30).
     */
    private static final double K = 20;
    /**
     * Below this cosine an item is unrelated to the query (all-MiniLM puts unrelated sentences at 0 to 0.2); in a
     * small memory, ranks alone would still give it a score to pass on to its neighbours.
     */
    private static final double MEANING_FLOOR = 0.3;
    /**
     * The relevance floor for a query of small talk only ("good morning", "thanks!"): its words match every chat
     * line that looks like a greeting, so words are not ranked, and by meaning only an item this close gets in. A
     * greeting then packs little or nothing, whatever the size of memory.
     */
    static final double SMALL_TALK_FLOOR = 0.6;
    /**
     * Past the head of a hybrid ranking, an item scoring under this share of the head's mean score is no longer
     * relevant, and packing stops there (see {@link Packer}). A question whose evidence sits at the top of the
     * ranking then packs that and little else; one whose evidence is spread (a flat curve) still packs wide.
     * Measured on LoCoMo's development half at a 2,000-token budget: 0.36 packs 1,481 tokens instead of 1,988
     * (25% fewer) for evidence recall 0.871 instead of 0.879 (multi-hop 0.689 instead of 0.702); 0.34, the share
     * taken, packs 1,570 (21% fewer) for 0.876 (0.696). A floor on the best item alone, a cosine floor or a knee in
     * the curve lost more recall for the tokens they saved.
     */
    static final double RELEVANT_SHARE = 0.34;
    /** How much of a strong item's score its neighbours in the same file gain, and from how many top items. */
    private static final double NEIGHBOUR_SHARE = 0.6;
    private static final int SPREAD_FROM = 100;
    /** An item on a day the query names ("in July", "last week") counts double. */
    private static final double DATE_FACTOR = 2;
    /** A tie-breaker for today's items, halving every {@link #RECENCY_HALF_LIFE_DAYS}. */
    private static final double RECENCY_BOOST = 0.0008;
    private static final double RECENCY_HALF_LIFE_DAYS = 30;
    /**
     * Cosine above which two items with the same numbers say the same thing. Numbers must match as well: the model
     * puts "starts on December 18" and "starts on December 19" at 0.98.
     */
    static final double NEAR_COPY = 0.95;
    private static final String JOURNAL = "journal/";
    private static final java.util.regex.Pattern NUMBER = java.util.regex.Pattern.compile("\\d+");
    private static final java.util.regex.Pattern NOT_WORD = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");

    record Scored(long id, double score) {}

    /** Ranked ids, best first, with the rows the ranking read on the way: they need not be read again. */
    record Ranked(List<Scored> scored, Map<Long, MemoryIndex.Row> rows) {
        static Ranked of(List<Scored> scored) {
            return new Ranked(scored, Map.of());
        }
    }

    private final MemoryIndex index;
    private final WordSearch words;
    private final VectorIndex vectors;
    private final Embedder embedder;

    Retrieval(MemoryIndex index, VectorIndex vectors, Embedder embedder) {
        this.index = index;
        this.words = new WordSearch(index);
        this.vectors = vectors;
        this.embedder = embedder;
    }

    /**
     * Ranked candidates, best first: up to {@code depth} from each ranker. Without {@code withArchive} (a turn's
     * context), items in archive/ take no part: they are ranked for a search on request only.
     */
    Ranked rank(Query query, Ranking ranking, LocalDate today, int depth, boolean withArchive) {
        return switch (ranking) {
            case WORDS -> Ranked.of(byRank(words.rank(query.words(), depth, withArchive)));
            case MEANING -> Ranked.of(meaning(query, depth, withArchive));
            case RECENT -> Ranked.of(byRank(index.recent(depth, withArchive)));
            case HYBRID -> hybrid(query, today, depth, withArchive);
        };
    }

    private Ranked hybrid(Query query, LocalDate today, int depth, boolean withArchive) {
        if (query.smallTalk()) {
            List<Scored> close = meaning(query, depth, withArchive).stream()
                    .filter(s -> s.score() >= SMALL_TALK_FLOOR).toList();
            return Ranked.of(close);
        }
        Map<Long, Double> fused = new HashMap<>();
        List<Long> byWords = words.rank(query.words(), depth, withArchive);
        for (int r = 0; r < byWords.size(); r++) fused.merge(byWords.get(r), 1 / (K + r + 1), Double::sum);
        List<Scored> meaning = meaning(query, depth, withArchive);
        for (int r = 0; r < meaning.size() && meaning.get(r).score() >= MEANING_FLOOR; r++) {
            fused.merge(meaning.get(r).id(), 1 / (K + r + 1), Double::sum);
        }
        spreadToNeighbours(fused);
        Map<Long, MemoryIndex.Row> rows = query.hasDates() || today != null ? index.rows(fused.keySet()) : Map.of();
        fused.replaceAll((id, score) -> dated(score, rows.get(id), query, today));
        List<Scored> out = new ArrayList<>(fused.size());
        fused.forEach((id, s) -> out.add(new Scored(id, s)));
        out.sort(Comparator.comparingDouble(Scored::score).reversed().thenComparingLong(Scored::id));
        return new Ranked(out, rows);
    }

    /** An item on a day the query names counts double; a recent item rises a little, less the older it is. */
    private static double dated(double score, MemoryIndex.Row row, Query query, LocalDate today) {
        if (row == null) return score;
        double s = score;
        if (query.covers(row.date())) s *= DATE_FACTOR;
        if (today != null) {
            long age = Math.max(0, ChronoUnit.DAYS.between(row.date(), today));
            s += RECENCY_BOOST * Math.pow(0.5, age / RECENCY_HALF_LIFE_DAYS);
        }
        return s;
    }

    /**
     * An item next to a strong match gains part of its score: in a conversation the answer is often the turn after
     * the one that shares the question's words ("How long have you been married?" / "Five years already!"). Next to
     * means in the same file, line before or after; and for a note, also the notes of the turns said just before and
     * after its own (the dream files each speaker apart, and the journal, archived or not, keeps the order). Without
     * the second, a dreamt memory packed 0.034 less of the evidence than a journal-only one (LoCoMo conv-30, day 19).
     */
    private void spreadToNeighbours(Map<Long, Double> fused) {
        List<Map.Entry<Long, Double>> top = fused.entrySet().stream()
                .sorted(Map.Entry.<Long, Double>comparingByValue().reversed())
                .limit(SPREAD_FROM)
                .toList();
        List<Long> ids = top.stream().map(Map.Entry::getKey).toList();
        Map<Long, List<Long>> neighbours = new HashMap<>(index.neighbours(ids));
        Sources.conversationNeighbours(index, ids).forEach((id, more) -> neighbours.merge(id, more, (a, b) -> {
            List<Long> all = new ArrayList<>(a);
            b.stream().filter(n -> !all.contains(n)).forEach(all::add);
            return all;
        }));
        Map<Long, Double> spread = new HashMap<>();
        for (Map.Entry<Long, Double> e : top) {
            for (long n : neighbours.getOrDefault(e.getKey(), List.of())) {
                spread.merge(n, NEIGHBOUR_SHARE * e.getValue(), Math::max);
            }
        }
        spread.forEach((id, s) -> fused.merge(id, s, Double::sum));
    }

    private List<Scored> meaning(Query query, int depth, boolean withArchive) {
        if (vectors.size() == 0 || query.text().isBlank()) return List.of();
        float[] q = embedder.embed(List.of(query.text())).get(0);
        List<Scored> out = new ArrayList<>();
        for (VectorIndex.Hit hit : vectors.nearest(q, depth, withArchive)) out.add(new Scored(hit.id(), hit.score()));
        return out;
    }

    /**
     * Admits items in rank order unless one nearly repeats an item admitted before (same words, or vectors within
     * {@link #NEAR_COPY}), or comes from the same source: five copies of one fact would crowd out four other facts.
     * A journal line has one source, its provenance; a topic note names all the lines it was made of. So a journal
     * line whose source an admitted note names, or a note whose every source is a journal line admitted, is a copy
     * (the dream's note of a day still in the journal, though "yesterday" became "yesterday [2023-05-07]"). It reads
     * the vectors: the caller holds {@link Memory}'s read lock while it admits.
     */
    final class NearCopies {
        private final Set<String> texts = new HashSet<>();
        /** Slots of the vectors admitted, by the numbers their texts hold: only those can be near-copies. */
        private final Map<List<String>, List<Integer>> kept = new HashMap<>();
        /** Every source named by an item admitted, and those of the journal lines admitted. */
        private final Set<String> sources = new HashSet<>();
        private final Set<String> journalLines = new HashSet<>();

        boolean admit(Packer.Candidate c) {
            String path = c.item().path();
            boolean journal = path.startsWith(JOURNAL) || path.startsWith(MemoryFiles.ARCHIVE + JOURNAL);
            List<String> named = List.of(c.item().provenance().strip().split("\\s*,\\s*"));
            if (journal ? sources.contains(c.item().provenance().strip()) : journalLines.containsAll(named)) {
                return false;
            }
            if (!admit(c.id(), c.item().text())) return false;
            sources.addAll(named);
            if (journal) journalLines.add(c.item().provenance().strip());
            return true;
        }

        private boolean admit(long id, String text) {
            if (!texts.add(normalized(text))) return false;
            int slot = vectors.slot(id);
            if (slot < 0) return true;
            List<String> numbers = NUMBER.matcher(text).results().map(java.util.regex.MatchResult::group).toList();
            List<Integer> same = kept.computeIfAbsent(numbers, n -> new ArrayList<>());
            for (int other : same) {
                if (vectors.cosine(slot, other) >= NEAR_COPY) return false;
            }
            same.add(slot);
            return true;
        }
    }

    private static String normalized(String text) {
        return NOT_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    private static List<Scored> byRank(List<Long> ids) {
        List<Scored> out = new ArrayList<>(ids.size());
        for (int r = 0; r < ids.size(); r++) out.add(new Scored(ids.get(r), 1 / (K + r + 1)));
        return out;
    }
}
