package dev.kairos.cli;

import dev.kairos.bench.CountingModelServer;
import dev.kairos.bench.DayBench;
import dev.kairos.bench.DayReport;
import dev.kairos.bench.GreetingBench;
import dev.kairos.bench.GreetingReport;
import dev.kairos.bench.LocomoBench;
import dev.kairos.bench.LocomoReport;
import dev.kairos.bench.ScaleBench;
import dev.kairos.bench.ScaleReport;
import dev.kairos.bench.WorkDir;
import dev.kairos.memory.Embedder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", description = "Benchmarks anyone can reproduce; no model and no network needed.",
        subcommands = {BenchCommand.Locomo.class, BenchCommand.Greeting.class, BenchCommand.Day.class,
                BenchCommand.Scale.class, BenchWebhookCommand.class})
final class BenchCommand {
    @ParentCommand KairosCommand parent;

    /** The embedding model's files are unpacked once, into the workspace's cache. */
    private static Embedder embedder(Cli cli) {
        return Embedder.local(cli.home().resolve("cache"));
    }

    @Command(name = "locomo", description = {"Memory retrieval on LoCoMo: replays each conversation as days of "
            + "chat, then packs the memory context for every question under a token budget and reports evidence "
            + "recall, against recency, words-only and meaning-only baselines.",
            "Example: ./kairos bench locomo --data ../shared/data/locomo/locomo-dev.json"})
    static final class Locomo implements Callable<Integer> {
        @ParentCommand BenchCommand bench;

        @Option(names = "--data", required = true, paramLabel = "FILE", description = "A LoCoMo JSON file.")
        Path data;

        @Option(names = "--budget", defaultValue = "2000", paramLabel = "N",
                description = "Memory tokens per question (default 2000).")
        int budget;

        @Option(names = "--conversation", paramLabel = "I", description = "Only the I-th conversation (0-based).")
        Integer conversation;

        @Option(names = "--json", description = "Print {overall, byCategory, baselines{recency, words, meaning}, "
                + "fullHistoryTokens, ...}; each figure set has evidenceRecall, allEvidenceShare, tokensPacked, "
                + "p50Ms, p99Ms.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Cli cli = bench.parent.cli;
            if (!Files.isRegularFile(data)) throw new UserError("no file " + data + "; give --data a LoCoMo JSON file");
            if (budget < 100) throw new UserError("--budget " + budget + " is too small; use 100 or more");
            try (WorkDir work = WorkDir.create("kairos-locomo")) {
                LocomoReport r = new LocomoBench(work.path(), embedder(cli)).run(data, budget, conversation);
                cli.out().println(json ? r.toJson().toPrettyString() : r.toTable());
                return 0;
            }
        }
    }

    @Command(name = "greeting", description = {"A greeting's cost day by day: replays one LoCoMo conversation, one "
            + "session a day at its date, in a temporary workspace with a dream each night (deterministic, no model), "
            + "and each morning sends \"good morning\" to a model server on 127.0.0.1 that counts its input tokens "
            + "(o200k, the stable prefix included) and measures evidence recall at 2,000 tokens for the questions "
            + "answerable so far; then the same days without dreaming.",
            "Example: ./kairos bench greeting --data ../shared/data/locomo/locomo-dev.json"})
    static final class Greeting implements Callable<Integer> {
        @ParentCommand BenchCommand bench;

        @Option(names = "--data", required = true, paramLabel = "FILE", description = "A LoCoMo JSON file.")
        Path data;

        @Option(names = "--conversation", paramLabel = "ID",
                description = "The sample_id to replay (default: the conversation with the most sessions).")
        String conversation;

        @Option(names = "--days", paramLabel = "N", description = "Only the first N sessions (default: all).")
        Integer days;

        @Option(names = "--json", description = "Print {days, withoutDream, firstDayTokens, lastDayTokens, ...}; "
                + "each day has day, date, greetingTokens, recall, questions, multiHopRecall, defaultMemoryBytes, "
                + "dreamTokens.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Cli cli = bench.parent.cli;
            if (!Files.isRegularFile(data)) throw new UserError("no file " + data + "; give --data a LoCoMo JSON file");
            if (days != null && days < 1) throw new UserError("--days " + days + ": give 1 or more");
            try (WorkDir work = WorkDir.create("kairos-greeting"); CountingModelServer server = CountingModelServer.start()) {
                GreetingReport r = new GreetingBench(work.path(), embedder(cli), BenchHome::open, server)
                        .run(data, conversation, days, 2000);
                cli.out().println(json ? r.toJson().toPrettyString() : r.toTable());
                return 0;
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
    }

    @Command(name = "day", description = {"The cost of a month: replays scripted days (48 beats each, a watched "
            + "repository with commits and one failing test that Kairos fixes, three chats, a standing check due "
            + "twice, the dream at night, a LoCoMo session each evening) in a temporary workspace on a replayed "
            + "clock, against a model server on 127.0.0.1 that counts every request (o200k) and answers from a "
            + "script; reports calls, tokens and money per day beside the every-beat baseline computed from the same "
            + "files, and the issue's targets.",
            "Example: ./kairos bench day --days 30"})
    static final class Day implements Callable<Integer> {
        static final Path DEFAULT_DATA = Path.of("..", "shared", "data", "locomo", "locomo-dev.json");

        @ParentCommand BenchCommand bench;

        @Option(names = "--days", defaultValue = "30", paramLabel = "N", description = "Days to replay (default 30).")
        int days;

        @Option(names = "--data", paramLabel = "FILE",
                description = "A LoCoMo JSON file (default ../shared/data/locomo/locomo-dev.json).")
        Path data;

        @Option(names = "--conversation", paramLabel = "ID",
                description = "The sample_id whose sessions fill the evenings (default: the one with the most).")
        String conversation;

        @Option(names = "--json", description = "Print {days, totals, ...}; each day (and totals) has day, calls, "
                + "inputTokens, outputTokens, cacheWriteTokens, cacheReadTokens, usd, idleBeatShare, largestRequest, "
                + "baselineInputTokens, baselineUsd.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Cli cli = bench.parent.cli;
            Path file = data == null ? DEFAULT_DATA : data;
            if (!Files.isRegularFile(file)) {
                throw new UserError("no LoCoMo file at " + file.toAbsolutePath().normalize() + "; give --data a LoCoMo "
                        + "JSON file (the default is ../shared/data/locomo/locomo-dev.json from where you run it)");
            }
            if (days < 1) throw new UserError("--days " + days + ": give 1 or more");
            String path = cli.env().get("PATH");
            try (WorkDir work = WorkDir.create("kairos-day")) {
                DayReport r = new DayBench(work.path(), embedder(cli),
                        (dir, clock, url, embedder) -> DayHome.open(dir, clock, url, embedder, path))
                        .run(file, conversation, days);
                cli.out().println(json ? r.toJson().toPrettyString() : r.toTable());
                return 0;
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
        }
    }

    @Command(name = "scale", description = "Search latency and index size at growing numbers of memory items "
            + "(synthetic).")
    static final class Scale implements Callable<Integer> {
        @ParentCommand BenchCommand bench;

        @Option(names = "--sizes", split = ",", defaultValue = "1000,10000,100000", paramLabel = "N,N,...",
                description = "Item counts (default 1000,10000,100000).")
        List<Integer> sizes;

        @Option(names = "--budget", defaultValue = "2000", paramLabel = "N", description = "Tokens per pack.")
        int budget;

        @Option(names = "--json", description = "Print the report as JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            Cli cli = bench.parent.cli;
            try (WorkDir work = WorkDir.create("kairos-scale")) {
                ScaleReport r = new ScaleBench(work.path(), embedder(cli)).run(sizes, budget);
                cli.out().println(json ? r.toJson().toPrettyString() : r.toTable());
                return 0;
            }
        }
    }
}
