package dev.kairos.bench;

import dev.kairos.memory.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An embedder that embeds each text once per run: a replay embeds the same turns, topics and questions night after
 * night and in both of its halves, and the model gives a text the same vector every time.
 */
final class RememberedVectors implements Embedder {
    private final Embedder model;
    private final Map<String, float[]> known = new ConcurrentHashMap<>();

    RememberedVectors(Embedder model) {
        this.model = model;
    }

    @Override
    public String id() {
        return model.id();
    }

    @Override
    public List<float[]> embed(List<String> texts) {
        List<String> missing = texts.stream().filter(t -> !known.containsKey(t)).distinct().toList();
        if (!missing.isEmpty()) {
            List<float[]> made = model.embed(missing);
            for (int i = 0; i < missing.size(); i++) known.put(missing.get(i), made.get(i));
        }
        List<float[]> out = new ArrayList<>(texts.size());
        for (String t : texts) out.add(known.get(t));
        return out;
    }
}
