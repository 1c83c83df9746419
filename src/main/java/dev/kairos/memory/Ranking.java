package dev.kairos.memory;

/**
 * How candidates are ranked. {@link #HYBRID} is what the agent uses; the others exist so benchmarks can show what
 * each signal alone would give.
 */
public enum Ranking {
    /** Words (FTS5, stemmed) and meaning (embeddings) fused, with date awareness and diversity. */
    HYBRID,
    /** Words only: BM25 over the stemmed full-text index. */
    WORDS,
    /** Meaning only: cosine similarity of embeddings. */
    MEANING,
    /** The most recent items, whatever the query. */
    RECENT
}
