package dev.kairos.cli;

import dev.kairos.Kairos;
import dev.kairos.agent.Agent;
import dev.kairos.bench.GreetingBench;
import dev.kairos.config.ConfigReader;
import dev.kairos.config.Workspace;
import dev.kairos.dream.DreamReport;
import dev.kairos.memory.Embedder;
import dev.kairos.memory.Journal;
import dev.kairos.memory.Memory;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;

/**
 * A fresh workspace for the greeting benchmark, made by {@code kairos init} and wired by {@link Kairos} exactly as
 * {@code kairos chat} and {@code kairos dream} wire it; only the clock, the model server and the embedder are the
 * bench's. The zone is UTC, so a replay reads the same on every machine.
 */
final class BenchHome implements GreetingBench.Home {
    static final String MODEL = "anthropic/claude-sonnet-4-5";

    private final Kairos kairos;

    private BenchHome(Kairos kairos) {
        this.kairos = kairos;
    }

    static GreetingBench.Home open(Path dir, InstantSource clock, String modelBaseUrl, Embedder embedder) {
        new Workspace(dir).init();
        Map<String, String> env = env(dir, modelBaseUrl);
        return new BenchHome(Kairos.open(ConfigReader.read(dir, env), env, clock, Kairos.Mode.READ, embedder));
    }

    /** A bench workspace's environment: its home, the model at the bench's server, UTC. */
    static Map<String, String> env(Path dir, String modelBaseUrl) {
        return Map.of("KAIROS_HOME", dir.toString(), "KAIROS_MODEL", MODEL, "ANTHROPIC_BASE_URL", modelBaseUrl,
                "ANTHROPIC_API_KEY", "bench", "KAIROS_TIMEZONE", "UTC");
    }

    @Override
    public Journal journal() {
        return kairos.journal();
    }

    @Override
    public Memory memory() {
        return kairos.memory();
    }

    @Override
    public DreamReport dream() {
        return kairos.dream(false, false);
    }

    @Override
    public void chat(String message) {
        Agent.Reply r = kairos.agent().orElseThrow().chat(message);
        if (r.modelCalls() == 0) throw new IllegalStateException("the greeting was not sent: " + r.note());
    }

    @Override
    public void close() {
        kairos.close();
    }
}
