package dev.kairos.bench;

import dev.kairos.model.Price;
import dev.kairos.model.Usage;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** One day of the day benchmark as it happens: the requests the model server received, the beats, the baseline. */
final class DayTally {
    /** The list prices of the two reference models. */
    record Prices(Price anthropic, Price openAi) {}

    private final int day;
    private final LocalDate date;
    private final List<CountingModelServer.Received> requests = new ArrayList<>();
    private final List<Baseline.Beat> baseline = new ArrayList<>();
    private int beats;
    private int beatsWithoutCall;
    private long idleBeatTokens;
    private String dream = "none";
    private String fix = "none";

    DayTally(int day, LocalDate date) {
        this.day = day;
        this.date = date;
    }

    /** Requests made outside a beat: a chat. */
    void requests(List<CountingModelServer.Received> got) {
        requests.addAll(got);
    }

    /** One beat: the requests received while it (and the dream after it) ran, and the baseline's beat. */
    void beat(boolean idle, List<CountingModelServer.Received> got, Baseline.Beat base) {
        beats++;
        if (got.isEmpty()) beatsWithoutCall++;
        if (idle) idleBeatTokens += got.stream().mapToLong(CountingModelServer.Received::inputTokens).sum();
        requests.addAll(got);
        baseline.add(base);
    }

    void dream(String outcome) {
        dream = outcome;
    }

    void fix(String outcome) {
        fix = outcome;
    }

    DayReport.Day day(Prices prices) {
        long input = 0;
        long output = 0;
        long write = 0;
        long read = 0;
        long openAiCached = 0;
        long largest = 0;
        for (CountingModelServer.Received r : requests) {
            input += r.uncachedInputTokens();
            output += r.outputTokens();
            write += r.cacheWriteTokens();
            read += r.cacheReadTokens();
            openAiCached += r.openAiCachedTokens();
            largest = Math.max(largest, r.inputTokens());
        }
        long all = input + write + read;
        DayReport.Usd usd = new DayReport.Usd(cost(prices.anthropic(), new Usage(input, output, write, read)),
                cost(prices.openAi(), new Usage(all - openAiCached, output, 0, openAiCached)));
        long baseInput = baseline.stream().mapToLong(Baseline.Beat::inputTokens).sum();
        long baseOutput = baseline.size() * Baseline.Beat.outputTokens();
        // 30 minutes apart, the baseline's beats outlive both providers' 5-minute caches: all of it is plain input
        Usage base = new Usage(baseInput, baseOutput, 0, 0);
        return new DayReport.Day(day, date, requests.size(), input, output, write, read, usd, beats, beatsWithoutCall,
                idleBeatTokens, largest, baseInput, baseOutput,
                new DayReport.Usd(cost(prices.anthropic(), base), cost(prices.openAi(), base)), dream, fix, baseline,
                requests);
    }

    /** The days summed; the largest request is the largest of any day. */
    static DayReport.Day totals(List<DayReport.Day> days) {
        long calls = 0, input = 0, output = 0, write = 0, read = 0, idle = 0, largest = 0, baseIn = 0, baseOut = 0;
        int beats = 0, without = 0;
        DayReport.Usd usd = new DayReport.Usd(0, 0);
        DayReport.Usd baseUsd = new DayReport.Usd(0, 0);
        for (DayReport.Day d : days) {
            calls += d.calls();
            input += d.inputTokens();
            output += d.outputTokens();
            write += d.cacheWriteTokens();
            read += d.cacheReadTokens();
            usd = usd.plus(d.usd());
            beats += d.beats();
            without += d.beatsWithoutCall();
            idle += d.idleBeatTokens();
            largest = Math.max(largest, d.largestRequest());
            baseIn += d.baselineInputTokens();
            baseOut += d.baselineOutputTokens();
            baseUsd = baseUsd.plus(d.baselineUsd());
        }
        return new DayReport.Day(0, null, calls, input, output, write, read, usd, beats, without, idle, largest, baseIn,
                baseOut, baseUsd, "", "", List.of(), List.of());
    }

    private static double cost(Price price, Usage usage) {
        return price.cost(usage).doubleValue();
    }
}
