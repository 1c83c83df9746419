package dev.kairos.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** Search latency and footprint of the memory index at each size, and the local model's cost per query. */
public record ScaleReport(int budget, List<Size> sizes, ModelCost model) {
    /**
     * One size: search (top 10) and pack (under the budget) latency, without the query's embedding; vectors held
     * in memory, the SQLite file, and the heap the loaded index takes.
     */
    public record Size(int items, double indexSeconds, double searchP50Ms, double searchP99Ms, double packP50Ms,
            double packP99Ms, long vectorBytes, long databaseBytes, long heapBytes) {}

    /** What embedding one query with the model costs; add it to the latencies above. */
    public record ModelCost(String embedder, double p50Ms, double p99Ms) {}

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("budget", budget);
        ArrayNode arr = o.putArray("sizes");
        for (Size s : sizes) {
            ObjectNode n = arr.addObject();
            n.put("items", s.items());
            n.put("indexSeconds", Tally.round(s.indexSeconds(), 2));
            n.put("searchP50Ms", Tally.round(s.searchP50Ms(), 2));
            n.put("searchP99Ms", Tally.round(s.searchP99Ms(), 2));
            n.put("packP50Ms", Tally.round(s.packP50Ms(), 2));
            n.put("packP99Ms", Tally.round(s.packP99Ms(), 2));
            n.put("vectorBytes", s.vectorBytes());
            n.put("databaseBytes", s.databaseBytes());
            n.put("heapBytes", s.heapBytes());
        }
        if (model != null) {
            ObjectNode m = o.putObject("queryEmbedding");
            m.put("embedder", model.embedder());
            m.put("p50Ms", Tally.round(model.p50Ms(), 2));
            m.put("p99Ms", Tally.round(model.p99Ms(), 2));
        }
        return o;
    }

    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append("| items | index s | search p50 ms | search p99 ms | pack p50 ms | pack p99 ms | vectors MB | db MB | heap MB |\n");
        sb.append("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        for (Size s : sizes) {
            sb.append(String.format(Locale.ROOT, "| %,d | %.1f | %.2f | %.2f | %.2f | %.2f | %.1f | %.1f | %.1f |%n",
                    s.items(), s.indexSeconds(), s.searchP50Ms(), s.searchP99Ms(), s.packP50Ms(), s.packP99Ms(),
                    s.vectorBytes() / 1e6, s.databaseBytes() / 1e6, s.heapBytes() / 1e6));
        }
        if (model != null) {
            sb.append(String.format(Locale.ROOT, "%nQuery embedding (%s), to add to the latencies above: p50 %.2f ms, p99 %.2f ms%n",
                    model.embedder(), model.p50Ms(), model.p99Ms()));
        }
        return sb.toString();
    }
}
