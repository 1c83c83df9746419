package dev.kairos.bench;

import java.util.Locale;

/** The day benchmark's report as text: the day-by-day table, the totals beside the baseline, the targets. */
final class DayTable {
    /** Input tokens a beat of OpenClaw 2026.9.6 on a fresh workspace, as issue 14 quotes them. */
    static final long OPENCLAW_LOW = 10_900;
    static final long OPENCLAW_HIGH = 15_700;

    private DayTable() {}

    static String of(DayReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(f("%d scripted days of 48 beats each, LoCoMo %s one session an evening; tokens as the model server "
                + "counted them (o200k); input is every input token, of which Anthropic bills what is written to its "
                + "cache at 1.25x and what is read from it at 0.1x; money at list prices for %s and %s, each with its "
                + "own prompt caching; beside the every-beat baseline of the same workspace.%n%n", r.days().size(),
                r.conversation(), r.models().anthropic(), r.models().openAi()));
        sb.append("| day | date | calls | input | of it cache write | of it cache read | output | largest request "
                + "| beats without a call | Anthropic $ | OpenAI $ | baseline input | baseline Anthropic $ "
                + "| baseline OpenAI $ | dream | fix |\n");
        sb.append("| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
                + "| --- | --- |\n");
        for (DayReport.Day d : r.days()) sb.append(row(String.valueOf(d.day()), d.date().toString(), d));
        sb.append(row("**all**", "", r.totals()));
        DayReport.Day t = r.totals();
        sb.append(f("%nKairos: %,d input tokens in all (%,d written to the cache, %,d read from it), %,d output, "
                + "$%.2f on Anthropic, $%.2f on OpenAI.%n", t.allInputTokens(), t.cacheWriteTokens(),
                t.cacheReadTokens(), t.outputTokens(), t.usd().anthropic(), t.usd().openAi()));
        sb.append(f("Every-beat baseline: %,d input tokens (%,d a beat on average), %,d output, $%.2f on "
                + "Anthropic, $%.2f on OpenAI.%n%n", t.baselineInputTokens(),
                t.beats() == 0 ? 0 : t.baselineInputTokens() / t.beats(), t.baselineOutputTokens(),
                t.baselineUsd().anthropic(), t.baselineUsd().openAi()));
        if (t.beats() > 0 && t.allInputTokens() > 0) {
            sb.append(f("For scale, not measured here: the issue quotes 10,900 to 15,700 input tokens a beat for "
                    + "OpenClaw 2026.9.6 on a fresh workspace; %,d such beats come to %,d to %,d, %.1fx to %.1fx "
                    + "Kairos's.%n%n", t.beats(), OPENCLAW_LOW * t.beats(), OPENCLAW_HIGH * t.beats(),
                    (double) OPENCLAW_LOW * t.beats() / t.allInputTokens(),
                    (double) OPENCLAW_HIGH * t.beats() / t.allInputTokens()));
        }
        for (DayReport.Target x : r.targets()) {
            sb.append(f("- %s: %s (%s)%n", x.name(), x.met() ? "met" : "NOT MET", x.detail()));
        }
        for (String n : r.notes()) sb.append(f("- note: %s%n", n));
        sb.append(f("%nReplayed in %.1f s.%n", r.seconds()));
        return sb.toString();
    }

    private static String row(String day, String date, DayReport.Day d) {
        return f("| %s | %s | %,d | %,d | %,d | %,d | %,d | %,d | %d of %d | %.4f | %.4f | %,d | %.4f | %.4f | %s | %s |%n",
                day, date, d.calls(), d.allInputTokens(), d.cacheWriteTokens(), d.cacheReadTokens(), d.outputTokens(),
                d.largestRequest(), d.beatsWithoutCall(), d.beats(), d.usd().anthropic(), d.usd().openAi(),
                d.baselineInputTokens(), d.baselineUsd().anthropic(), d.baselineUsd().openAi(), d.dream(), d.fix());
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
