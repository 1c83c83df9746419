package dev.kairos.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The figures of one method on a set of questions; tokensPacked is the mean per question, latencies in ms. */
public record Figures(int questions, double evidenceRecall, double allEvidenceShare, double tokensPacked, double p50Ms,
        double p99Ms) {
    ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("questions", questions);
        o.put("evidenceRecall", Tally.round(evidenceRecall, 4));
        o.put("allEvidenceShare", Tally.round(allEvidenceShare, 4));
        o.put("tokensPacked", Tally.round(tokensPacked, 1));
        o.put("p50Ms", Tally.round(p50Ms, 2));
        o.put("p99Ms", Tally.round(p99Ms, 2));
        return o;
    }
}
