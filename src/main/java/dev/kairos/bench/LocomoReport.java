package dev.kairos.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code kairos bench locomo} reports: for our retrieval and each baseline, evidence recall, the share of
 * questions with all their evidence packed, mean tokens packed and retrieval latency, overall and by category; and the
 * latency of the run's first queries, before the JIT has compiled the search path.
 */
public record LocomoReport(int budget, Method ours, Map<String, Method> baselines, long fullHistoryTokens,
        List<ConversationResult> conversations, Latency coldStart) {
    static final String OURS = "hybrid";
    /** The names the official LoCoMo evaluation gives categories 1 to 4. */
    public static final Map<Integer, String> CATEGORY_NAMES = Map.of(
            1, "multi-hop", 2, "temporal", 3, "open-domain", 4, "single-hop");

    /** One method's figures: over all questions, and by category (1 to 4). */
    public record Method(Figures overall, Map<Integer, Figures> byCategory) {
        ObjectNode toJson(boolean withCategories) {
            ObjectNode o = overall.toJson();
            if (withCategories) o.set("byCategory", categoriesJson(byCategory));
            return o;
        }
    }

    /** Latency of a number of queries, in ms. */
    public record Latency(int queries, double p50Ms, double p99Ms) {
        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("queries", queries);
            o.put("p50Ms", Tally.round(p50Ms, 2));
            o.put("p99Ms", Tally.round(p99Ms, 2));
            return o;
        }
    }

    /** One conversation: how big its history is and how our retrieval did on it. */
    public record ConversationResult(String id, int items, int fullHistoryTokens, int questions,
            int questionsWithoutEvidence, int droppedEvidenceIds, double evidenceRecall) {
        static final class Builder {
            private final String id;
            private final int items;
            private final int historyTokens;
            private double recallSum;
            private int n;

            Builder(String id, int items, int historyTokens) {
                this.id = id;
                this.items = items;
                this.historyTokens = historyTokens;
            }

            void add(double recall) {
                recallSum += recall;
                n++;
            }

            ConversationResult build(int questions, int skipped, int dropped) {
                return new ConversationResult(id, items, historyTokens, questions, skipped, dropped,
                        n == 0 ? 0 : recallSum / n);
            }
        }
    }

    public double evidenceRecall() {
        return ours.overall().evidenceRecall();
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("budget", budget);
        o.set("overall", ours.overall().toJson());
        o.set("byCategory", categoriesJson(ours.byCategory()));
        ObjectNode b = o.putObject("baselines");
        baselines.forEach((name, m) -> b.set(name, m.toJson(true)));
        o.put("fullHistoryTokens", fullHistoryTokens);
        ArrayNode convs = o.putArray("conversations");
        for (ConversationResult c : conversations) {
            ObjectNode n = convs.addObject();
            n.put("id", c.id());
            n.put("items", c.items());
            n.put("fullHistoryTokens", c.fullHistoryTokens());
            n.put("questions", c.questions());
            n.put("questionsWithoutEvidence", c.questionsWithoutEvidence());
            n.put("droppedEvidenceIds", c.droppedEvidenceIds());
            n.put("evidenceRecall", Tally.round(c.evidenceRecall(), 4));
        }
        if (coldStart != null) o.set("coldStart", coldStart.toJson());
        return o;
    }

    /** A markdown table: ours against the baselines, overall and by category. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        int convs = conversations.size();
        sb.append(String.format(Locale.ROOT, "LoCoMo, %d conversation%s, budget %d tokens; full history %,d tokens "
                        + "(%,d per conversation on average)%n%n", convs, convs == 1 ? "" : "s", budget,
                fullHistoryTokens, convs == 0 ? 0 : fullHistoryTokens / convs));
        sb.append("| method | questions | evidence recall | all evidence | tokens packed | p50 ms | p99 ms |\n");
        sb.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: |\n");
        Map<String, Method> all = new LinkedHashMap<>();
        all.put(OURS, ours);
        all.putAll(baselines);
        for (Map.Entry<String, Method> m : all.entrySet()) {
            row(sb, m.getKey(), m.getValue().overall());
            for (Map.Entry<Integer, Figures> c : m.getValue().byCategory().entrySet()) {
                row(sb, "  " + m.getKey() + " / " + c.getKey() + " " + CATEGORY_NAMES.getOrDefault(c.getKey(), "?"),
                        c.getValue());
            }
        }
        if (coldStart != null) {
            sb.append(String.format(Locale.ROOT, "%nLatency: one pack, the query's embedding included, timed after the "
                    + "JIT has compiled the search path. The run's first %d packs (%s) took p50 %.2f ms, p99 %.2f ms.%n",
                    coldStart.queries(), OURS, coldStart.p50Ms(), coldStart.p99Ms()));
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, Figures f) {
        sb.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f | %.0f | %.2f | %.2f |%n", name, f.questions(),
                f.evidenceRecall(), f.allEvidenceShare(), f.tokensPacked(), f.p50Ms(), f.p99Ms()));
    }

    private static ObjectNode categoriesJson(Map<Integer, Figures> byCategory) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        byCategory.forEach((c, f) -> {
            ObjectNode n = f.toJson();
            n.put("name", CATEGORY_NAMES.getOrDefault(c, "?"));
            o.set(String.valueOf(c), n);
        });
        return o;
    }

    /** Collects per-question results while the benchmark runs. */
    static final class Builder {
        private final int budget;
        private final Map<String, Tally> overall = new LinkedHashMap<>();
        private final Map<String, Map<Integer, Tally>> byCategory = new LinkedHashMap<>();
        private final List<ConversationResult> conversations = new ArrayList<>();
        private Latency coldStart;

        Builder(int budget, Iterable<String> methods) {
            this.budget = budget;
            for (String m : methods) {
                overall.put(m, new Tally());
                byCategory.put(m, new TreeMap<>());
            }
        }

        void add(String method, int category, double recall, int tokens, double ms) {
            overall.get(method).add(recall, tokens, ms);
            byCategory.get(method).computeIfAbsent(category, c -> new Tally()).add(recall, tokens, ms);
        }

        void conversation(ConversationResult c) {
            conversations.add(c);
        }

        boolean hasColdStart() {
            return coldStart != null;
        }

        void coldStart(Latency latency) {
            coldStart = latency;
        }

        LocomoReport build() {
            Map<String, Method> methods = new LinkedHashMap<>();
            overall.forEach((name, t) -> {
                Map<Integer, Figures> cats = new TreeMap<>();
                byCategory.get(name).forEach((c, tc) -> cats.put(c, tc.figures()));
                methods.put(name, new Method(t.figures(), cats));
            });
            Method ours = methods.remove(OURS);
            long history = conversations.stream().mapToLong(ConversationResult::fullHistoryTokens).sum();
            return new LocomoReport(budget, ours, methods, history, List.copyOf(conversations), coldStart);
        }
    }
}
