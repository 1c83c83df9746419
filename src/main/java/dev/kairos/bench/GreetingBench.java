package dev.kairos.bench;

import dev.kairos.dream.DreamReport;
import dev.kairos.memory.Embedder;
import dev.kairos.memory.Journal;
import dev.kairos.memory.Memory;
import dev.kairos.memory.PackedMemory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The greeting benchmark: one LoCoMo conversation lived by a real Kairos workspace, one session a day at its date,
 * a dream at 03:00 the night after (Kairos's own dream, deterministic, no model), then at 08:00 a "good morning" chat
 * whose request the {@link CountingModelServer} counts, and the evidence recall of every question whose evidence has
 * been replayed by then. Then the same days in a second workspace that never dreams.
 */
public final class GreetingBench {
    static final String GREETING = "good morning";
    static final LocalTime NIGHT = LocalTime.of(3, 0);
    static final LocalTime MORNING = LocalTime.of(8, 0);

    /** A Kairos workspace wired as {@code kairos up} wires it, on the bench's clock and model server. */
    public interface Home extends AutoCloseable {
        Journal journal();

        Memory memory();

        /** A dream now, as {@code kairos dream} runs it. */
        DreamReport dream();

        /** One user turn, as {@code kairos chat} runs it. */
        void chat(String message);

        @Override
        void close();
    }

    /** Opens a fresh workspace in {@code dir} whose model is Anthropic's API at {@code modelBaseUrl}. */
    @FunctionalInterface
    public interface Homes {
        Home open(Path dir, InstantSource clock, String modelBaseUrl, Embedder embedder);
    }

    private final Path workDir;
    private final Embedder embedder;
    private final Homes homes;
    private final CountingModelServer server;

    public GreetingBench(Path workDir, Embedder embedder, Homes homes, CountingModelServer server) {
        this.workDir = workDir;
        this.embedder = new RememberedVectors(embedder);
        this.homes = homes;
        this.server = server;
    }

    /**
     * @param conversationId the LoCoMo sample_id to replay; null: the one with the most sessions
     * @param maxDays replay only the first sessions; null: all
     */
    public GreetingReport run(Path dataFile, String conversationId, Integer maxDays, int budget) {
        LocomoData data = LocomoData.read(dataFile);
        LocomoData.Conversation c = choose(data, conversationId);
        int days = maxDays == null ? c.sessions().size() : Math.min(maxDays, c.sessions().size());
        if (days <= 0) throw new IllegalArgumentException("--days must be 1 or more");
        List<GreetingReport.Day> dreaming = replay(c, days, budget, true);
        List<GreetingReport.Day> plain = replay(c, days, budget, false);
        return new GreetingReport(c.id(), budget, dreaming, plain);
    }

    static LocomoData.Conversation choose(LocomoData data, String id) {
        if (data.conversations().isEmpty()) throw new IllegalArgumentException("the LoCoMo file holds no conversation");
        if (id == null) {
            return data.conversations().stream().max(Comparator.comparingInt(
                    (LocomoData.Conversation c) -> c.sessions().size())).orElseThrow();
        }
        return data.conversations().stream().filter(c -> c.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no conversation " + id + " in the file; it has "
                        + String.join(", ", data.conversations().stream().map(LocomoData.Conversation::id).toList())));
    }

    private List<GreetingReport.Day> replay(LocomoData.Conversation c, int days, int budget, boolean dreams) {
        Path dir = workDir.resolve(c.id() + (dreams ? "-dreaming" : "-not-dreaming"));
        ReplayClock clock = new ReplayClock(c.sessions().getFirst().at().toInstant(ZoneOffset.UTC));
        AnswerableQuestions questions = new AnswerableQuestions(c);
        PackedEvidence evidence = new PackedEvidence(c);
        List<GreetingReport.Day> out = new ArrayList<>();
        try (Home home = homes.open(dir, clock, server.baseUrl(), embedder)) {
            for (int k = 0; k < days; k++) {
                LocomoData.Session s = c.sessions().get(k);
                var at = s.at().toInstant(ZoneOffset.UTC);
                clock.set(at);
                for (LocomoData.Turn t : s.turns()) home.journal().append(at, t.speaker(), t.text(), t.diaId());
                LocalDate morning = s.at().toLocalDate().plusDays(1);
                String dream = "none";
                long dreamTokens = 0;
                if (dreams) {
                    clock.set(morning.atTime(NIGHT).toInstant(ZoneOffset.UTC));
                    DreamReport r = home.dream();
                    if (r.outcome() == DreamReport.Outcome.REFUSED) {
                        throw new IllegalStateException("the dream after day " + (k + 1) + " was refused: " + r.reason());
                    }
                    dream = r.outcome().name();
                    dreamTokens = r.tokens();
                }
                clock.set(morning.atTime(MORNING).toInstant(ZoneOffset.UTC));
                long tokens = greet(home, k);
                home.memory().refresh();
                Recall all = new Recall();
                Recall multiHop = new Recall();
                for (LocomoData.Question q : questions.after(k)) {
                    PackedMemory packed = home.memory().pack(q.text(), budget, morning);
                    double r = evidence.recall(packed, q.evidence());
                    all.add(r);
                    if (q.category() == 1) multiHop.add(r);
                }
                out.add(new GreetingReport.Day(k + 1, morning, tokens, all.mean(), all.n, multiHop.mean(),
                        multiHop.n, defaultMemoryBytes(dir.resolve("memory")), dreamTokens, dream));
            }
        }
        return out;
    }

    /** Sends the greeting; its input tokens as the server counted them (exactly one request is expected). */
    private long greet(Home home, int k) {
        int before = server.received().size();
        home.chat(GREETING);
        List<CountingModelServer.Received> got = server.received();
        if (got.size() != before + 1) {
            throw new IllegalStateException("the greeting of day " + (k + 1) + " made " + (got.size() - before)
                    + " model requests, not 1");
        }
        return got.getLast().inputTokens();
    }

    /** Bytes of MEMORY.md, topics/ and journal/: what a turn may draw on (archive/ and hidden files left out). */
    static long defaultMemoryBytes(Path memoryDir) {
        try (Stream<Path> walk = Files.walk(memoryDir)) {
            long n = 0;
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = memoryDir.relativize(p).toString().replace('\\', '/');
                if (!Files.isRegularFile(p) || !rel.endsWith(".md") || rel.startsWith("archive/") || rel.startsWith(".")
                        || rel.contains("/.")) {
                    continue;
                }
                n += Files.size(p);
            }
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot measure " + memoryDir + ": " + e.getMessage(), e);
        }
    }

    private static final class Recall {
        double sum;
        int n;

        void add(double r) {
            sum += r;
            n++;
        }

        double mean() {
            return n == 0 ? 0 : sum / n;
        }
    }
}
