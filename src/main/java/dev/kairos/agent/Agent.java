package dev.kairos.agent;

import dev.kairos.event.Event;
import dev.kairos.event.Inbox;
import dev.kairos.event.Trust;
import dev.kairos.heartbeat.Task;
import dev.kairos.heartbeat.TaskRunner;
import dev.kairos.heartbeat.Tasks;
import dev.kairos.memory.Journal;
import dev.kairos.memory.Memory;
import dev.kairos.memory.MemoryItem;
import dev.kairos.memory.Topic;
import dev.kairos.model.Message;
import dev.kairos.model.ModelException;
import dev.kairos.model.Usage;
import dev.kairos.config.Config;
import dev.kairos.ledger.Ledger;
import dev.kairos.model.ModelClient;
import dev.kairos.model.Price;
import dev.kairos.model.ToolSpec;
import dev.kairos.policy.Approvals;
import dev.kairos.policy.Policy;
import dev.kairos.policy.PolicyContext;
import dev.kairos.process.Git;
import dev.kairos.process.ProcessRunner;
import dev.kairos.tool.ToolContext;
import dev.kairos.tool.Tools;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's public face: a user's chat turn, and the proactive tasks the heartbeat hands over. Each runs as a
 * bounded {@link Turn}; the user's conversation persists in its session, each task gets a session of its own.
 */
public final class Agent implements TaskRunner {
    private static final Logger log = LoggerFactory.getLogger(Agent.class);
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    /** After this long without a word, a chat starts afresh: what was said before comes back through memory. */
    static final Duration CONVERSATION_PAUSE = Duration.ofHours(2);

    /** A chat turn's answer and what it cost. */
    public record Reply(String text, int modelCalls, Usage usage, String note) {}

    /** Budgets for one request's context. */
    public record Budgets(int context, int memory) {
        public static final Budgets DEFAULT = new Budgets(6_000, 2_000);
    }

    private final Supplier<Context> context;
    private final BiFunction<ToolGate.Scope, Optional<Path>, Turn> turns;
    private final Worktrees worktrees;
    private final Recall recall;
    private final Supplier<Optional<String>> overBudget;
    private final Budgets budgets;
    private final Tasks tasks;
    private final Inbox inbox;
    private final Journal journal;
    private final Jdbi jdbi;
    private final InstantSource clock;
    private final ZoneId zone;
    private boolean toldOverBudget;

    /**
     * @param context builds the context with fresh AGENTS.md and MEMORY.md
     * @param turns a turn for a scope, working in the given worktree (empty: the workspace)
     */
    Agent(Supplier<Context> context, BiFunction<ToolGate.Scope, Optional<Path>, Turn> turns, Worktrees worktrees,
            Recall recall,
            Supplier<Optional<String>> overBudget, Budgets budgets, Tasks tasks, Inbox inbox, Journal journal, Jdbi jdbi, InstantSource clock, ZoneId zone) {
        this.context = context;
        this.turns = turns;
        this.worktrees = worktrees;
        this.recall = recall;
        this.overBudget = overBudget;
        this.budgets = budgets;
        this.tasks = tasks;
        this.inbox = inbox;
        this.journal = journal;
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
    }

    /** What the agent works with, beyond the model. */
    public record Setup(Path workspace, Supplier<List<Path>> watched, Supplier<List<String>> allowedCommands,
            Tools tools, Policy policy, Approvals approvals, Duration proactiveCommandTimeout, Memory memory,
            ProcessRunner processes) {}

    /** Builds the agent around one model; every tool call goes through the policy. */
    public static Agent create(ModelClient client, Price price, Supplier<String> agentsFile, Setup setup,
            Ledger ledger, Config.Budget budget, Budgets budgets, Tasks tasks, Inbox inbox,
            Journal journal, Jdbi jdbi, InstantSource clock, ZoneId zone) {
        String model = client.provider() + "/" + client.model();
        List<ToolSpec> specs = PolicedTools.specs(setup.tools());
        Memory memory = setup.memory();
        Supplier<Context> context = () -> new Context(new Context.Stable(agentsFile.get(), memory.indexText()), specs,
                budgets.context(), zone);
        Recall recall = (query, today, tokens) -> {
            memory.refresh();
            return memory.pack(query, tokens, today).text();
        };
        BiFunction<ToolGate.Scope, Optional<Path>, Turn> turns = (scope, worktree) -> {
            Path root = worktree.orElse(setup.workspace());
            List<Path> watched = setup.watched().get();
            List<Path> writable = new ArrayList<>(watched);
            writable.add(setup.workspace());
            worktree.ifPresent(writable::add);
            PolicyContext where = new PolicyContext(scope.tainted() ? Trust.UNTRUSTED : Trust.TRUSTED, root, worktree,
                    setup.workspace(), watched, setup.allowedCommands().get());
            ToolContext tools = ToolContext.at(root, clock).withWritableRoots(writable)
                    .withRemember(text -> {
                        Topic topic = scope.taskId() == null ? Topic.USER : Topic.EPISODES;
                        String from = scope.taskId() == null ? "chat" : "task " + scope.taskId();
                        MemoryItem item = memory.remember(topic, text, from, clock.instant());
                        return "remembered in " + item.path();
                    })
                    .withMemory(new MemoryTools(memory, clock, zone))
                    .withNotifyUser((title, text) -> {
                        log.info("notify title=\"{}\"", title);
                        journal.append(clock.instant(), "told the user: " + title + ": " + text,
                                "notify " + clock.instant().toEpochMilli());
                    });
            if (scope.taskId() != null) tools = tools.withCommandTimeout(setup.proactiveCommandTimeout());
            ToolGate gate = new PolicedTools(setup.tools(), setup.policy(), setup.approvals(), where, tools);
            return new Turn(client, model, price, gate, ledger, budget, clock, zone, Turn.Limits.DEFAULT);
        };
        return new Agent(context, turns, new Worktrees(setup.workspace().resolve("worktrees"),
                new Git(setup.processes())), recall,
                () -> ledger.overBudget(clock.instant().atZone(zone).toLocalDate(), budget), budgets, tasks, inbox,
                journal, jdbi, clock, zone);
    }

    /** One user turn in the user's session. */
    public synchronized Reply chat(String message) {
        Instant now = clock.instant();
        Session session = new Session(jdbi, Session.USER);
        String memories = recall.recall(message, today(now), budgets.memory());
        List<Message> window = session.window(budgets.context(), now.minus(CONVERSATION_PAUSE));
        Context.Parts parts = new Context.Parts(message, memories, window, now, "kairos:chat");
        ToolGate.Scope scope = new ToolGate.Scope(null, "chat", false);
        Turn.Outcome out = turns.apply(scope, Optional.empty()).run(context.get().request(parts, 2_048), scope);
        String note = out.end() == Turn.End.DONE ? "" : out.detail();
        if (out.end() == Turn.End.OUT_OF_BUDGET) {
            String advice = out.detail() + "; raise the budget in kairos.yaml or wait";
            if (out.modelCalls() == 0) return new Reply("", 0, Usage.ZERO, "not sent: " + advice);
            note = "stopped midway: " + advice; // earlier steps were sent and their tools ran: keep the exchange
        }
        session.append(Message.Role.USER, message, now);
        String text = out.text().isBlank() ? "(no answer: " + out.detail() + ")" : out.text();
        session.append(Message.Role.ASSISTANT, text, clock.instant());
        journal.append(now, "user: " + message, "chat " + now.toEpochMilli() + " user");
        journal.append(clock.instant(), "kairos: " + text, "chat " + now.toEpochMilli() + " kairos");
        return new Reply(text, out.modelCalls(), out.usage(), note);
    }

    /** Runs pending tasks, oldest first; returns how many model calls they made. */
    @Override
    public synchronized int run(List<Task> pending) {
        Optional<String> over = overBudget.get();
        if (over.isPresent()) {
            tellOverBudget(over.get());
            return 0; // tasks stay pending until the next day or month
        }
        toldOverBudget = false;
        int calls = 0;
        for (Task task : pending) {
            Instant now = clock.instant();
            tasks.setState(task.id(), Task.State.RUNNING, "", now);
            try {
                Turn.Outcome out = runTask(task, now);
                calls += out.modelCalls();
                finish(task, out);
                if (out.end() == Turn.End.OUT_OF_BUDGET) break;
            } catch (ModelException e) {
                log.warn("task={} kind={} model failed: {}", task.id(), task.kind(), e.getMessage());
                tasks.setState(task.id(), Task.State.PENDING, e.getMessage(), clock.instant());
                break; // the provider is unhappy: the next beat tries again
            } catch (RuntimeException e) {
                log.error("task={} kind={} failed: {}", task.id(), task.kind(), e.toString(), e);
                tasks.setState(task.id(), Task.State.FAILED, e.toString(), clock.instant());
            }
        }
        return calls;
    }

    private Turn.Outcome runTask(Task task, Instant now) {
        Optional<Event> event = task.eventId() == null ? Optional.empty() : inbox.find(task.eventId());
        Optional<Path> worktree = event.flatMap(e -> worktreeFor(task, e));
        String prompt = TaskPrompt.of(task, event, worktree.map(Path::toString));
        String memories = recall.recall(task.title(), today(now), budgets.memory());
        Context.Parts parts = new Context.Parts(prompt, memories, List.of(), now, "kairos:task:" + task.kind());
        ToolGate.Scope scope = new ToolGate.Scope(task.id(), task.kind(), task.trust() == Trust.UNTRUSTED);
        return turns.apply(scope, worktree).run(context.get().request(parts, 2_048), scope);
    }

    /** Work on a repository (a failing test) happens in the task's own worktree, at the event's commit. */
    private Optional<Path> worktreeFor(Task task, Event e) {
        try {
            var payload = JSON.readTree(e.payload());
            if (!payload.hasNonNull("repo") || !payload.hasNonNull("sha")) return Optional.empty();
            return Optional.of(worktrees.forTask(task.id(), Path.of(payload.get("repo").asText()),
                    payload.get("sha").asText()));
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            return Optional.empty();
        }
    }

    private void finish(Task task, Turn.Outcome out) {
        Instant now = clock.instant();
        switch (out.end()) {
            case DONE -> {
                tasks.setState(task.id(), Task.State.DONE, firstLine(out.text()), now);
                journal.append(now, "task " + task.id() + " (" + task.kind() + ") done: " + firstLine(out.text()),
                        "task " + task.id() + " done");
            }
            case WAITING_APPROVAL -> {
                tasks.setState(task.id(), Task.State.WAITING, "waiting for an approval", now);
                journal.append(now, "task " + task.id() + " (" + task.kind() + ") waits for an approval "
                        + "(see 'kairos approvals')", "task " + task.id() + " waiting");
            }
            case OUT_OF_BUDGET -> {
                tasks.setState(task.id(), Task.State.PENDING, out.detail(), now);
                tellOverBudget(out.detail());
            }
            case LIMIT -> {
                tasks.setState(task.id(), Task.State.FAILED, out.detail(), now);
                journal.append(now, "task " + task.id() + " (" + task.kind() + ") stopped: " + out.detail(),
                        "task " + task.id() + " stopped");
            }
        }
    }

    /** Says once per stretch over budget that tasks wait: in the log and the journal. */
    private void tellOverBudget(String reason) {
        if (toldOverBudget) return;
        Instant now = clock.instant();
        log.warn("budget: {}; tasks wait for the next period", reason);
        journal.append(now, "over budget: " + reason + "; tasks wait for the next period", "budget " + today(now));
        toldOverBudget = true;
    }

    private LocalDate today(Instant now) {
        return now.atZone(zone).toLocalDate();
    }

    private static String firstLine(String text) {
        String t = text == null ? "" : text.strip();
        int nl = t.indexOf('\n');
        String line = nl < 0 ? t : t.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
