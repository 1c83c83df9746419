package dev.kairos.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * What {@code kairos bench greeting} reports: day by day, with a dream each night and without, the input tokens of
 * a "good morning" as the model server counted them, and the evidence recall of the questions answerable so far.
 */
public record GreetingReport(String conversation, int budget, List<Day> days, List<Day> withoutDream) {

    /**
     * The morning after one session: {@code questions} have all their evidence replayed by then, {@code recall} the
     * mean share of it packed ({@code multiHop*} the same for LoCoMo's category 1); memory bytes count MEMORY.md,
     * topics/ and journal/ (archive/ left out).
     */
    public record Day(int day, LocalDate date, long greetingTokens, double recall, int questions,
            double multiHopRecall, int multiHopQuestions, long defaultMemoryBytes, long dreamTokens, String dream) {
        ObjectNode toJson() {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            o.put("day", day);
            o.put("date", date.toString());
            o.put("greetingTokens", greetingTokens);
            o.put("recall", Tally.round(recall, 4));
            o.put("questions", questions);
            o.put("multiHopRecall", Tally.round(multiHopRecall, 4));
            o.put("multiHopQuestions", multiHopQuestions);
            o.put("defaultMemoryBytes", defaultMemoryBytes);
            o.put("dreamTokens", dreamTokens);
            o.put("dream", dream);
            return o;
        }
    }

    public GreetingReport {
        days = List.copyOf(days);
        withoutDream = List.copyOf(withoutDream);
    }

    public long firstDayTokens() {
        return days.isEmpty() ? 0 : days.getFirst().greetingTokens();
    }

    public long lastDayTokens() {
        return days.isEmpty() ? 0 : days.getLast().greetingTokens();
    }

    public long maxDayTokens() {
        return days.stream().mapToLong(Day::greetingTokens).max().orElse(0);
    }

    /** Recall over every question of every day (a question counts once each morning it is answerable). */
    public static double meanRecall(List<Day> days) {
        return weighted(days, Day::recall, Day::questions);
    }

    public static double meanMultiHopRecall(List<Day> days) {
        return weighted(days, Day::multiHopRecall, Day::multiHopQuestions);
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("conversation", conversation);
        o.put("budget", budget);
        o.set("days", days(days));
        o.set("withoutDream", days(withoutDream));
        o.put("firstDayTokens", firstDayTokens());
        o.put("lastDayTokens", lastDayTokens());
        o.put("maxDayTokens", maxDayTokens());
        o.put("lastToFirst", Tally.round(ratio(), 3));
        ObjectNode mean = o.putObject("meanRecall");
        mean.put("withDream", Tally.round(meanRecall(days), 4));
        mean.put("withoutDream", Tally.round(meanRecall(withoutDream), 4));
        ObjectNode multi = o.putObject("meanMultiHopRecall");
        multi.put("withDream", Tally.round(meanMultiHopRecall(days), 4));
        multi.put("withoutDream", Tally.round(meanMultiHopRecall(withoutDream), 4));
        return o;
    }

    /** The days side by side, with a dream each night and without; then the means. */
    public String toTable() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Greeting, LoCoMo %s: %d sessions, one a day; \"good morning\" input "
                + "tokens as the model server counted them; evidence recall at %,d tokens (dream / no dream)%n%n",
                conversation, days.size(), budget));
        sb.append("| day | date | greeting tokens | questions | recall | multi-hop recall | memory bytes | dream |\n");
        sb.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |\n");
        for (int i = 0; i < days.size(); i++) {
            Day d = days.get(i);
            Day w = i < withoutDream.size() ? withoutDream.get(i) : d;
            sb.append(String.format(Locale.ROOT, "| %d | %s | %,d / %,d | %d | %.3f / %.3f | %.3f / %.3f | %,d / %,d | "
                    + "%s, %d tokens |%n", d.day(), d.date(), d.greetingTokens(), w.greetingTokens(), d.questions(),
                    d.recall(), w.recall(), d.multiHopRecall(), w.multiHopRecall(), d.defaultMemoryBytes(),
                    w.defaultMemoryBytes(), d.dream().toLowerCase(Locale.ROOT), d.dreamTokens()));
        }
        sb.append(String.format(Locale.ROOT, "%nGreeting: first day %,d tokens, last %,d (%.2fx), highest %,d. "
                + "Mean recall %.3f with dreams, %.3f without; multi-hop %.3f and %.3f.%n", firstDayTokens(),
                lastDayTokens(), ratio(), maxDayTokens(), meanRecall(days), meanRecall(withoutDream),
                meanMultiHopRecall(days), meanMultiHopRecall(withoutDream)));
        return sb.toString();
    }

    private double ratio() {
        return firstDayTokens() == 0 ? 0 : (double) lastDayTokens() / firstDayTokens();
    }

    private static ArrayNode days(List<Day> list) {
        ArrayNode a = JsonNodeFactory.instance.arrayNode();
        list.forEach(d -> a.add(d.toJson()));
        return a;
    }

    private static double weighted(List<Day> days, ToDoubleFunction<Day> value, ToDoubleFunction<Day> weight) {
        double sum = 0;
        double n = 0;
        for (Day d : days) {
            sum += value.applyAsDouble(d) * weight.applyAsDouble(d);
            n += weight.applyAsDouble(d);
        }
        return n == 0 ? 0 : sum / n;
    }
}
