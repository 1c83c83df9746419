package dev.kairos.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The targets for the day benchmark, checked on a run's figures (printed, never asserted as wall-clock). */
final class DayTargets {
    static final double GROWTH = 1.3;
    static final int FACTOR = 10;
    static final double MONTH_SECONDS = 120;
    static final int MONTH = 30;

    private DayTargets() {}

    static List<DayReport.Target> check(List<DayReport.Day> days, DayReport.Day totals, double seconds) {
        List<DayReport.Target> out = new ArrayList<>();
        long idleDays = days.stream().filter(d -> d.idleBeatTokens() == 0).count();
        out.add(new DayReport.Target("idle beats cost 0 tokens, every day", idleDays == days.size(),
                f("%d of %d days: 0 tokens sent during idle beats; %.1f%% of all beats sent nothing", idleDays,
                        days.size(), 100 * totals.idleBeatShare())));
        if (days.size() >= 2) {
            DayReport.Day first = days.getFirst();
            DayReport.Day last = days.getLast();
            double ratio = first.allInputTokens() == 0 ? 0 : (double) last.allInputTokens() / first.allInputTokens();
            long low = days.stream().skip(1).mapToLong(DayReport.Day::allInputTokens).min().orElse(0);
            long high = days.stream().skip(1).mapToLong(DayReport.Day::allInputTokens).max().orElse(0);
            out.add(new DayReport.Target(f("day %d's input at most %.1fx day 1's", last.day(), GROWTH),
                    ratio <= GROWTH, f("%,d against %,d input tokens: %.2fx; the days after the first: %,d to %,d",
                            last.allInputTokens(), first.allInputTokens(), ratio, low, high)));
        }
        long input = totals.allInputTokens();
        out.add(new DayReport.Target(f("at least %dx fewer input tokens than the every-beat baseline", FACTOR),
                input * FACTOR <= totals.baselineInputTokens(), f("%,d against %,d: %.1fx fewer", input,
                        totals.baselineInputTokens(), times(totals.baselineInputTokens(), input))));
        DayReport.Usd usd = totals.usd();
        DayReport.Usd base = totals.baselineUsd();
        out.add(new DayReport.Target(f("at least %dx less money than the every-beat baseline", FACTOR),
                usd.anthropic() * FACTOR <= base.anthropic() && usd.openAi() * FACTOR <= base.openAi(),
                f("Anthropic $%.2f against $%.2f (%.1fx less), OpenAI $%.2f against $%.2f (%.1fx less)",
                        usd.anthropic(), base.anthropic(), times(base.anthropic(), usd.anthropic()), usd.openAi(),
                        base.openAi(), times(base.openAi(), usd.openAi()))));
        if (days.size() == MONTH) {
            out.add(new DayReport.Target(f("the month (%d days) replays in under %.0f s", MONTH, MONTH_SECONDS),
                    seconds < MONTH_SECONDS, f("%.1f s on this machine", seconds)));
        }
        return out;
    }

    private static double times(double base, double kairos) {
        return kairos == 0 ? Double.POSITIVE_INFINITY : base / kairos;
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
