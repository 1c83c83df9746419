package dev.kairos.cli;

import dev.kairos.Kairos;
import dev.kairos.agent.Agent;
import dev.kairos.bench.DayBench;
import dev.kairos.config.ConfigReader;
import dev.kairos.config.Workspace;
import dev.kairos.github.GitHubWebhooks;
import dev.kairos.heartbeat.Task;
import dev.kairos.json.Json;
import dev.kairos.memory.Embedder;
import dev.kairos.memory.Journal;
import dev.kairos.model.ToolSpec;
import dev.kairos.process.ProcessRunner;
import dev.kairos.tool.Sandbox;
import dev.kairos.tool.Tools;
import java.nio.charset.StandardCharsets;
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
        env.put("GITHUB_WEBHOOK_SECRET", WEBHOOK_SECRET);
        if (path != null) env.put("PATH", path);
        ProcessRunner probe = new ProcessRunner(ws.processesDir(), env);
        Sandbox sandbox = Sandbox.detect(env, probe);
        // every tool a chat is offered here: message_user needs a channel, and the bench's workspace has none
        List<ToolSpec> tools = Tools.standard(probe, Sandbox.none()).all().stream()
                .filter(t -> !t.name().equals("message_user"))
                .map(t -> new ToolSpec(t.name(), t.description(), t.inputSchema())).toList();
        Kairos k = Kairos.open(ConfigReader.read(dir, env), env, clock, Kairos.Mode.ONE_BEAT, embedder);
        k.subscriptions().subscribe(GITHUB_REPO, Optional.empty(), clock.instant());
        return new DayHome(k, clock, sandbox.isolates(), tools);
    }

    private static final String WEBHOOK_SECRET = "bench-day-webhook-secret";
    private static final String GITHUB_REPO = "octo/app";

    @Override
    public void deliverGitHub(int day) {
        String after = String.format("%040x", day);
        String before = String.format("%040x", day - 1);
        var commit = Json.MAPPER.createObjectNode().put("id", after)
                .put("message", "Day " + day + ": update the changelog")
                .put("timestamp", clock.instant().toString()).put("url", "https://github.com/" + GITHUB_REPO
                        + "/commit/" + after);
        commit.putObject("author").put("name", "Octo Cat").put("username", "octocat");
        var push = Json.MAPPER.createObjectNode().put("ref", "refs/heads/main").put("before", before)
                .put("after", after).put("created", false).put("deleted", false)
                .put("compare", "https://github.com/" + GITHUB_REPO + "/compare/" + before + "..." + after);
        push.putArray("commits").add(commit);
        push.set("head_commit", commit);
        push.putObject("repository").put("full_name", GITHUB_REPO).put("default_branch", "main");
        push.putObject("pusher").put("name", "octocat");
        push.putObject("sender").put("login", "octocat");
        byte[] body = Json.write(push).getBytes(StandardCharsets.UTF_8);
        var answer = kairos.githubWebhooks().receive(new GitHubWebhooks.Headers(
                GitHubWebhooks.signature(WEBHOOK_SECRET, body), "push", "bench-day-" + day), body);
        if (answer.status() >= 300) throw new IllegalStateException("the bench's push delivery was refused: "
                + answer.status() + " " + answer.message());
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
