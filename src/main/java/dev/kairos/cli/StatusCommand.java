package dev.kairos.cli;

import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.Status;
import dev.kairos.event.Printable;
import dev.kairos.store.AgentLock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", description = {"Is the agent running, its last beat, pending events, tasks, today's tokens "
        + "and cost, the reminders and checks the agent scheduled, and problems to fix.", "Works while the agent runs."})
final class StatusCommand implements Callable<Integer> {
    @ParentCommand KairosCommand parent;

    @Option(names = "--json", description = "Print one JSON object: running, lastBeat, beatsToday, idleBeatsToday, "
            + "pendingEvents, tasks, today{inputTokens, outputTokens, costUsd}, watching, model, problems, "
            + "schedules[{id, text, at, every, setBy, createdAt}], outbox{pending, delivered, failed}.")
    boolean json;

    @Override
    public Integer call() throws java.io.IOException {
        Cli cli = parent.cli;
        // a running agent knows its own model, problems and state best: ask it, reading nothing here
        if (AgentLock.isHeld(cli.home())) {
            return print(cli, Json.MAPPER.readValue(RunningAgent.get(cli.home(), "/api/status"), Status.class));
        }
        try (Kairos k = Kairos.open(cli.config(), cli.env(), cli.clock())) {
            return print(cli, k.status());
        }
    }

    private int print(Cli cli, Status s) {
        if (json) {
            cli.out().println(Json.write(s));
            return 0;
        }
        var out = cli.out();
        out.println("Kairos " + (s.running() ? "is running" : "is not running") + " (home " + s.home() + ")");
        out.println("  last beat:      " + (s.lastBeat() == null ? "never" : s.lastBeat()));
        out.println("  beats today:    " + s.beatsToday() + " (" + s.idleBeatsToday() + " idle)");
        out.println("  pending events: " + s.pendingEvents());
        out.println("  tasks:          " + s.tasks());
        out.printf("  today:          %d input tokens, %d output tokens, $%.4f%n", s.today().inputTokens(),
                s.today().outputTokens(), s.today().costUsd());
        out.println("  model:          " + (s.model() == null ? "none (set KAIROS_MODEL; work is queued)" : s.model()));
        out.println("  watching:       " + (s.watching().isEmpty() ? "nothing (add with './kairos watch PATH')"
                : String.join(", ", s.watching())));
        out.println("  outbox:         " + s.outbox().getOrDefault("pending", 0) + " to deliver, "
                + s.outbox().getOrDefault("delivered", 0) + " delivered, " + s.outbox().getOrDefault("failed", 0)
                + " failed");
        if (s.schedules().isEmpty()) out.println("  scheduled:      nothing (the agent's schedule tool adds here)");
        s.schedules().forEach(e -> out.println("  scheduled:      #" + e.id() + " "
                + (e.at() != null ? "at " + e.at() : e.every()) + ": " + Printable.of(e.text()) + " (set by " + e.setBy() + ")"));
        s.problems().forEach(p -> out.println("  problem:        " + Printable.of(p)));
        return 0;
    }
}
