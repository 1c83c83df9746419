package dev.kairos.memory;

import java.nio.file.Path;
import java.util.List;

/**
 * Turns texts into vectors for search by meaning. The local model is the default; an embedding API can implement
 * this too. Vectors made under one {@link #id()} are never compared with vectors made under another: changing the
 * embedder re-embeds the index.
 */
public interface Embedder {
    /** A stable name for the model and its settings, e.g. "all-minilm-l6-v2-q". */
    String id();

    /** Embeds a batch, in order; each vector unit length, {@code texts.size()} vectors long. */
    List<float[]> embed(List<String> texts);

    /**
     * The in-process all-MiniLM-L6-v2 (quantized, 384 dimensions), loaded on first use (~1.2 s, ~170 MB). Its native
     * libraries and tokenizer cache go under {@code cacheDir} (DJL and JNA otherwise write to the home folder).
     */
    static Embedder local(Path cacheDir) {
        return new LocalMiniLm(cacheDir);
    }
}
