package dev.kairos.cli;

import dev.kairos.Kairos;
import dev.kairos.agent.Agent;
import dev.kairos.bench.DayBench;
import dev.kairos.config.ConfigReader;
import dev.kairos.config.Workspace;
import dev.kairos.heartbeat.Task;
import dev.kairos.memory.Embedder;
import dev.kairos.memory.Journal;
import dev.kairos.model.ToolSpec;
import dev.kairos.process.ProcessRunner;
import dev.kairos.tool.Sandbox;
import dev.kairos.tool.Tools;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The day benchmark's workspace, wired by {@link Kairos} as {@code kairos tick} wires it (sensors polled, test runs
 * finished within the beat, so the replay is deterministic) and driven as {@code kairos up} drives it: a beat, then
 * the dream's check. Only the clock, the model server and the embedder are the bench's; the zone is UTC.
 */
final class DayHome implements DayBench.Home {
    private final Kairos kairos;
    private final InstantSource clock;
    private final boolean sandboxed;
    private final List<ToolSpec> tools;

    private DayHome(Kairos kairos, InstantSource clock, boolean sandboxed, List<ToolSpec> tools) {
        this.kairos = kairos;
        this.clock = clock;
        this.sandboxed = sandboxed;
        this.tools = tools;
    }

    /** @param path the PATH to find bubblewrap and the test's programs on (null: none) */
    static DayBench.Home open(Path dir, InstantSource clock, String modelBaseUrl, Embedder embedder, String path) {
        Workspace ws = new Workspace(dir);
        ws.init();
        Map<String, String> env = new HashMap<>(BenchHome.env(dir, modelBaseUrl));
        if (path != null) env.put("PATH", path);
        ProcessRunner probe = new ProcessRunner(ws.processesDir(), env);
        Sandbox sandbox = Sandbox.detect(env, probe);
        List<ToolSpec> tools = Tools.standard(probe, Sandbox.none()).all().stream()
                .map(t -> new ToolSpec(t.name(), t.description(), t.inputSchema())).toList();
        Kairos k = Kairos.open(ConfigReader.read(dir, env), env, clock, Kairos.Mode.ONE_BEAT, embedder);
        return new DayHome(k, clock, sandbox.isolates(), tools);
    }

    @Override
    public DayBench.Beat beat() {
        return new DayBench.Beat(kairos.heartbeat().beat(), kairos.dream(false, true));
    }

    @Override
    public Agent.Reply chat(String message) {
        return kairos.agent().orElseThrow().chat(message);
    }

    @Override
    public Journal journal() {
        return kairos.journal();
    }

    @Override
    public void watch(Path repo, String testCommand) {
        kairos.watches().add(repo, testCommand, clock.instant());
    }

    @Override
    public boolean sandboxed() {
        return sandboxed;
    }

    @Override
    public Optional<Task> task(long id) {
        return kairos.tasks().find(id);
    }

    @Override
    public List<ToolSpec> tools() {
        return tools;
    }

    @Override
    public void close() {
        kairos.close();
    }
}
