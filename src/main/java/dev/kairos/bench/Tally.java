package dev.kairos.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Per-question results of one method, summed up as the report's figures. */
final class Tally {
    private final List<Double> recalls = new ArrayList<>();
    private final List<Double> latenciesMs = new ArrayList<>();
    private long tokens;
    private int complete;

    void add(double recall, int packedTokens, double latencyMs) {
        recalls.add(recall);
        latenciesMs.add(latencyMs);
        tokens += packedTokens;
        if (recall >= 1.0) complete++;
    }

    Figures figures() {
        int n = recalls.size();
        double recall = n == 0 ? 0 : recalls.stream().mapToDouble(Double::doubleValue).sum() / n;
        List<Double> sorted = new ArrayList<>(latenciesMs);
        Collections.sort(sorted);
        return new Figures(n, recall, n == 0 ? 0 : (double) complete / n, n == 0 ? 0 : (double) tokens / n,
                percentile(sorted, 0.50), percentile(sorted, 0.99));
    }

    /** Nearest-rank percentile. */
    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) return 0;
        int rank = (int) Math.ceil(p * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }

    static double round(double v, int places) {
        double f = Math.pow(10, places);
        return Math.round(v * f) / f;
    }
}
