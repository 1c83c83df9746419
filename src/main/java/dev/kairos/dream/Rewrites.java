package dev.kairos.dream;

import dev.kairos.memory.Embedder;
import dev.kairos.model.ModelClient;
import dev.kairos.model.ModelRequest;
import dev.kairos.model.ModelResponse;
import dev.kairos.model.Tokens;
import dev.kairos.model.Usage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The small model's part of a dream: the new notes of a topic, in clusters of related ones of bounded size, each
 * rewritten into fewer notes that keep every fact and the provenance of what they were made of. The dream's tokens
 * are capped: once the next request could pass the cap, or the model fails, the rest stays as the deterministic
 * consolidation leaves it. Untrusted, pinned and past notes, and notes already in a topic, never go to the model.
 * One per dream: it counts what that dream spent.
 */
final class Rewrites {
    /** Cosine from which two notes of a topic are related enough to be rewritten together. */
    static final double RELATED = 0.6;
    /** The most note tokens one request carries, whatever the size of the day. */
    static final int MAX_CLUSTER_TOKENS = 800;
    /** Room for the answer beyond the notes' own size, which a consolidation should not need. */
    private static final int ANSWER_SLACK = 64;
    private static final Logger log = LoggerFactory.getLogger(Rewrites.class);

    private final ModelClient model;
    private final Embedder embedder;
    private final long cap;
    private Usage spent = Usage.ZERO;
    private int rewritten;
    private boolean stopped;

    private Rewrites(ModelClient model, Embedder embedder, long cap) {
        this.model = model;
        this.embedder = embedder;
        this.cap = cap;
    }

    /** With the small model, at most {@code maxTokens} for the whole dream. */
    static Rewrites with(ModelClient model, Embedder embedder, int maxTokens) {
        return new Rewrites(model, embedder, maxTokens);
    }

    /** No model: the deterministic consolidation alone, 0 tokens. */
    static Rewrites none() {
        return new Rewrites(null, null, 0);
    }

    Usage spent() {
        return spent;
    }

    int rewritten() {
        return rewritten;
    }

    /** {@code notes} of one topic, with each cluster the model rewrote replaced by what it wrote. */
    List<Note> rewrite(String title, List<Note> notes) {
        if (model == null || stopped) return notes;
        List<Note> open = notes.stream().filter(n -> !n.fromTopic() && !n.pinned() && !n.past() && !n.untrusted())
                .toList();
        if (open.size() < 2) return notes;
        List<Note> out = new ArrayList<>(notes);
        for (List<Note> cluster : clusters(open)) {
            if (cluster.size() < 2) continue;
            Optional<List<Note>> made = ask(title, cluster);
            if (stopped) break;
            if (made.isEmpty()) continue;
            out.removeAll(cluster);
            out.addAll(made.get()); // the topic is sorted by date afterwards
            rewritten++;
        }
        return out;
    }

    private Optional<List<Note>> ask(String title, List<Note> cluster) {
        int noteTokens = cluster.stream().mapToInt(n -> Tokens.count(n.text())).sum();
        ModelRequest request = RewritePrompt.request(title, cluster, noteTokens + ANSWER_SLACK);
        // A provider's tokenizer may count more than o200k: a quarter more is reserved for the request.
        long reserved = Tokens.count(request) * 5 / 4 + request.maxTokens();
        if (spent.totalInputTokens() + spent.outputTokens() + reserved > cap) {
            log.info("dream small model stops: token cap cap={} spent={} next={}", cap,
                    spent.totalInputTokens() + spent.outputTokens(), reserved);
            stopped = true;
            return Optional.empty();
        }
        try {
            ModelResponse answer = model.complete(request);
            spent = spent.plus(answer.usage());
            Optional<List<Note>> made = RewritePrompt.read(answer.text(), cluster);
            if (made.isEmpty()) log.info("dream small model answer unusable, cluster kept as it was notes={}",
                    cluster.size());
            return made;
        } catch (RuntimeException e) {
            log.warn("dream small model failed, the rest is consolidated without it: {}", e.getMessage());
            stopped = true;
            return Optional.empty();
        }
    }

    /** Related notes together, in order, each cluster within {@link #MAX_CLUSTER_TOKENS}. */
    private List<List<Note>> clusters(List<Note> open) {
        List<float[]> vectors = embedder.embed(open.stream().map(n -> Replies.said(n.text())).toList());
        List<List<Integer>> groups = new ArrayList<>();
        List<Integer> tokens = new ArrayList<>();
        for (int i = 0; i < open.size(); i++) {
            int size = Tokens.count(open.get(i).text());
            int joined = -1;
            for (int g = 0; g < groups.size() && joined < 0; g++) {
                if (tokens.get(g) + size > MAX_CLUSTER_TOKENS) continue;
                for (int j : groups.get(g)) {
                    if (dot(vectors.get(i), vectors.get(j)) >= RELATED) {
                        joined = g;
                        break;
                    }
                }
            }
            if (joined < 0) {
                groups.add(new ArrayList<>());
                tokens.add(0);
                joined = groups.size() - 1;
            }
            groups.get(joined).add(i);
            tokens.set(joined, tokens.get(joined) + size);
        }
        return groups.stream().map(g -> g.stream().map(open::get).toList()).toList();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
