package dev.kairos.bench;

import dev.kairos.agent.Agent;
import dev.kairos.config.Workspace;
import dev.kairos.dream.DreamReport;
import dev.kairos.heartbeat.BeatReport;
import dev.kairos.heartbeat.Task;
import dev.kairos.memory.Embedder;
import dev.kairos.memory.Journal;
import dev.kairos.model.ModelSpec;
import dev.kairos.model.Prices;
import dev.kairos.model.ToolSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The day benchmark: a month of scripted days lived by a real Kairos workspace on the replay's clock, against a
 * {@link CountingModelServer} whose scripted model ({@link DayScript}) is the only thing not real. Each day has 48
 * beats, a watched repository with edits and commits (one of which breaks the test, which Kairos then fixes and
 * verifies), three chats (a greeting, a question about an earlier day, a request to remember something), a standing
 * check in HEARTBEAT.md due twice, the dream at night, and a LoCoMo session in the evening (see {@link DayReplay}).
 * Every request is counted; beside it runs the every-beat baseline ({@link Baseline}) on the same files.
 */
public final class DayBench {
    /** The reference models the money is worked out for. */
    public static final String ANTHROPIC = "anthropic/claude-sonnet-4-5";
    public static final String OPENAI = "openai/gpt-4.1";
    /**
     * The first day of every replay. It lies in the past: the dream's gates compare journal files' modification
     * times (the wall clock's) with the replay's clock, and would find no new material if the replay ran ahead.
     */
    static final LocalDate FIRST_DAY = LocalDate.of(2025, 6, 2);
    /** The standing check: due at 09:00 and 17:00. */
    static final String CHECK = "- `0 9,17 * * *`: summarise what changed in the watched repository since the last check";
    /**
     * The bench's kairos.yaml: the defaults, except that the dream's gates open every night, as the day has it, and
     * GitHub is not polled (its deliveries come by webhook; there is no network here).
     */
    static final String CONFIG = """
            # The day benchmark's workspace: the defaults, except that a dream needs one journal day, not five, and
            # the followed GitHub repository (the user's own: octocat) sends webhooks instead of being polled.
            dream:
              minSessions: 1
            github:
              poll: 0s
              owners: [octocat]
            """;

    /** What one beat of `kairos up` did: the heartbeat, then the dream it checks for after each beat. */
    public record Beat(BeatReport report, DreamReport dream) {}

    /** A Kairos workspace wired as {@code kairos up} wires it, on the bench's clock and model server. */
    public interface Home extends AutoCloseable {
        /** One beat, then the dream if its gates are open, as {@code kairos up} runs them. */
        Beat beat();

        /** One user turn, as {@code kairos chat} runs it. */
        Agent.Reply chat(String message);

        Journal journal();

        /** Follows {@code repo} and runs {@code testCommand} on its new commits, as {@code kairos watch} does. */
        void watch(Path repo, String testCommand);

        /** Whether commands run in a sandbox here: without one, the test a fix needs waits for an approval. */
        boolean sandboxed();

        Optional<Task> task(long id);

        /** The tool schemas Kairos offers the model, all of them. */
        List<ToolSpec> tools();

        /**
         * A delivery from a followed GitHub repository, once a day at 13:05: a signed push to its default branch,
         * through Kairos's webhook intake as GitHub would send it. It becomes a journal line, no model call.
         */
        void deliverGitHub(int day);

        @Override
        void close();
    }

    /** Opens a workspace already made in {@code dir} whose model is Anthropic's API at {@code modelBaseUrl}. */
    @FunctionalInterface
    public interface Homes {
        Home open(Path dir, InstantSource clock, String modelBaseUrl, Embedder embedder);
    }

    private final Path workDir;
    private final Embedder embedder;
    private final Homes homes;

    public DayBench(Path workDir, Embedder embedder, Homes homes) {
        this.workDir = workDir;
        this.embedder = new RememberedVectors(embedder);
        this.homes = homes;
    }

    /** @param conversationId the LoCoMo sample_id to replay; null: the one with the most sessions */
    public DayReport run(Path dataFile, String conversationId, int days) {
        if (days <= 0) throw new IllegalArgumentException("--days must be 1 or more");
        long started = System.nanoTime();
        LocomoDays locomo = new LocomoDays(GreetingBench.choose(LocomoData.read(dataFile), conversationId));
        Path home = workDir.resolve("home");
        prepare(home);
        ReplayClock clock = new ReplayClock(FIRST_DAY.minusDays(1).atTime(DayReplay.SETUP)
                .toInstant(java.time.ZoneOffset.UTC));
        List<String> notes = new ArrayList<>();
        List<DayReport.Day> out = new ArrayList<>();
        try (WorkRepo repo = WorkRepo.create(workDir.resolve("app"), clock);
                CountingModelServer server = CountingModelServer.start(clock, new DayScript(repo));
                Home h = homes.open(home, clock, server.baseUrl(), embedder)) {
            h.watch(repo.dir(), repo.testCommand());
            if (!h.sandboxed()) {
                notes.add("no sandbox (bubblewrap) here: a fix would wait for an approval, so no commit breaks the test");
            }
            DayReplay replay = new DayReplay(clock, server, h, repo, locomo, new Baseline(home, h.tools(),
                    java.time.ZoneOffset.UTC));
            replay.eveningBefore();
            DayTally.Prices prices = new DayTally.Prices(Prices.standard().of(ModelSpec.parse(ANTHROPIC)),
                    Prices.standard().of(ModelSpec.parse(OPENAI)));
            for (int d = 1; d <= days; d++) out.add(replay.day(d, FIRST_DAY.plusDays(d - 1)).day(prices));
        }
        if (days >= locomo.sessions()) {
            notes.add(locomo.id() + " has " + locomo.sessions() + " sessions: evenings after the last say nothing new");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        DayReport.Day totals = DayTally.totals(out);
        return new DayReport(locomo.id(), new DayReport.Models(ANTHROPIC, OPENAI), out, totals,
                DayTargets.check(out, totals, seconds), seconds, notes);
    }

    /** `kairos init`, then the bench's HEARTBEAT.md check and kairos.yaml. */
    private static void prepare(Path home) {
        Workspace ws = new Workspace(home);
        ws.init();
        try {
            Files.writeString(ws.heartbeatFile(), Files.readString(ws.heartbeatFile()) + "\n" + CHECK + "\n");
            Files.writeString(ws.configFile(), CONFIG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the bench's workspace " + home + ": " + e.getMessage(), e);
        }
    }
}
