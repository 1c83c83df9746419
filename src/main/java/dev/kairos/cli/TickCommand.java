package dev.kairos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.config.Config;
import dev.kairos.event.Printable;
import dev.kairos.store.AgentLock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "tick", description = {"One heartbeat now, and what it did.",
        "When the agent is running, asks it to beat (so the two never race)."})
final class TickCommand implements Callable<Integer> {
    @ParentCommand KairosCommand parent;

    @Option(names = "--json", description = "Print one JSON object: at, idle, events[{id, source, kind, key, summary}], "
            + "tasks[{id, kind, title, state}], modelCalls.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Cli cli = parent.cli;
        Config config = cli.config();
        String body;
        AgentLock lock;
        try {
            lock = AgentLock.acquire(config.home());
        } catch (AgentLock.Held running) {
            lock = null;
        }
        if (lock == null) {
            body = RunningAgent.post(config.home(), "/api/tick");
        } else {
            try (AgentLock held = lock; Kairos k = Kairos.open(config, cli.env(), cli.clock(), Kairos.Mode.ONE_BEAT)) {
                k.tasks().requeueInterrupted(cli.clock().instant());
                body = Json.write(TickReport.of(k.heartbeat().beat()));
            }
        }
        if (json) {
            cli.out().println(body);
        } else {
            print(cli, Json.MAPPER.readTree(body));
        }
        return 0;
    }

    private static void print(Cli cli, JsonNode r) {
        if (r.path("idle").asBoolean()) {
            cli.out().println("Idle: nothing new, nothing due; no model call.");
            return;
        }
        cli.out().println(r.path("events").size() + " event(s), " + r.path("tasks").size() + " task(s), "
                + r.path("modelCalls").asInt() + " model call(s)");
        r.path("events").forEach(e -> cli.out().println("  event " + e.path("id").asLong() + " " + e.path("kind").asText()
                + ": " + Printable.of(e.path("summary").asText())));
        r.path("tasks").forEach(t -> cli.out().println("  task " + t.path("id").asLong() + " " + t.path("kind").asText()
                + " [" + t.path("state").asText() + "]: " + Printable.of(t.path("title").asText())));
    }
}
