package dev.kairos.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;

/**
 * What {@code kairos bench day} reports: each day's model traffic as the model server counted it, in tokens and in
 * money for the two reference models, beside the every-beat baseline of the same day; the totals; the targets.
 */
public record DayReport(String conversation, Models models, List<Day> days, Day totals, List<Target> targets,
        double seconds, List<String> notes) {

    /** The reference models the money is worked out for, as provider/model. */
    public record Models(String anthropic, String openAi) {}

    /** Money in US dollars at list prices, for each reference model. */
    public record Usd(double anthropic, double openAi) {
        Usd plus(Usd o) {
            return new Usd(anthropic + o.anthropic, openAi + o.openAi);
        }

        ObjectNode toJson() {
            return JsonNodeFactory.instance.objectNode().put("anthropic", Tally.round(anthropic, 6))
                    .put("openai", Tally.round(openAi, 6));
        }
    }

    /**
     * One day (or the totals, {@code day} 0). Tokens as the Anthropic wire counts them: {@code inputTokens} is the
     * input neither written to the prompt cache nor read from it, so a request's whole input is the sum of the three.
     * {@code idleBeatShare}: the share of beats that sent nothing to the model. {@code idleBeatTokens}: input the
     * server received during beats Kairos reported idle (the target: 0). {@code baselineBeats}: the baseline, beat by
     * beat; {@code requests}: what the model server received that day, as it counted it (neither is in the JSON).
     */
    public record Day(int day, LocalDate date, long calls, long inputTokens, long outputTokens, long cacheWriteTokens,
            long cacheReadTokens, Usd usd, int beats, int beatsWithoutCall, long idleBeatTokens, long largestRequest,
            long baselineInputTokens, long baselineOutputTokens, Usd baselineUsd, String dream, String fix,
            List<Baseline.Beat> baselineBeats, List<CountingModelServer.Received> requests) {
        public Day {
            baselineBeats = List.copyOf(baselineBeats);
            requests = List.copyOf(requests);
        }

        /** Every input token the model was sent, cached or not. */
        public long allInputTokens() {
            return inputTokens + cacheWriteTokens + cacheReadTokens;
        }

        public double idleBeatShare() {
            return beats == 0 ? 0 : (double) beatsWithoutCall / beats;
        }

        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            if (day > 0) {
                o.put("day", day);
                o.put("date", date.toString());
            }
            o.put("calls", calls);
            o.put("inputTokens", inputTokens);
            o.put("outputTokens", outputTokens);
            o.put("cacheWriteTokens", cacheWriteTokens);
            o.put("cacheReadTokens", cacheReadTokens);
            o.set("usd", usd.toJson());
            o.put("idleBeatShare", Tally.round(idleBeatShare(), 4));
            o.put("largestRequest", largestRequest);
            o.put("baselineInputTokens", baselineInputTokens);
            o.set("baselineUsd", baselineUsd.toJson());
            return o;
        }
    }

    /** A target of the issue, checked on this run. */
    public record Target(String name, boolean met, String detail) {}

    public DayReport {
        days = List.copyOf(days);
        targets = List.copyOf(targets);
        notes = List.copyOf(notes);
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("conversation", conversation);
        o.putObject("models").put("anthropic", models.anthropic()).put("openai", models.openAi());
        ArrayNode a = o.putArray("days");
        days.forEach(d -> a.add(d.toJson()));
        o.set("totals", totals.toJson());
        ArrayNode t = o.putArray("targets");
        targets.forEach(x -> t.addObject().put("name", x.name()).put("met", x.met()).put("detail", x.detail()));
        o.put("seconds", Tally.round(seconds, 1));
        ArrayNode n = o.putArray("notes");
        notes.forEach(n::add);
        return o;
    }

    public String toTable() {
        return DayTable.of(this);
    }
}
