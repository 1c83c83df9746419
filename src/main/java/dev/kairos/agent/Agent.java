package dev.kairos.agent;

import dev.kairos.event.Event;
import dev.kairos.event.Inbox;
import dev.kairos.event.Printable;
import dev.kairos.event.Trust;
import dev.kairos.heartbeat.Task;
import dev.kairos.heartbeat.TaskRunner;
import dev.kairos.heartbeat.Tasks;
import dev.kairos.memory.Journal;
import dev.kairos.memory.Memory;
import dev.kairos.memory.PackedMemory;
import dev.kairos.model.Message;
import dev.kairos.model.ModelException;
import dev.kairos.model.Usage;
import dev.kairos.config.Config;
import dev.kairos.ledger.Ledger;
import dev.kairos.model.ModelClient;
import dev.kairos.model.Price;
import dev.kairos.model.ToolSpec;
import dev.kairos.notify.Notifications;
import dev.kairos.policy.Approvals;
import dev.kairos.policy.Policy;
import dev.kairos.process.Git;
import dev.kairos.process.ProcessRunner;
import dev.kairos.sense.BackgroundCommands;
import dev.kairos.sense.Schedules;
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
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = dev.kairos.json.Json.MAPPER;
    /** After this long without a word, a chat starts afresh: what was said before comes back through memory. */
    static final Duration CONVERSATION_PAUSE = Duration.ofHours(2);
    /** A task whose request the model refuses outright (too long, malformed, unknown model) this often fails. */
    static final int MAX_MODEL_REFUSALS = 3;

    /** The kind the ledger records the user's chat turns under (their calls belong to no task). */
    public static final String CHAT = ChatTasks.KIND;

    /** A chat turn's answer and what it cost (in tokens, and in US dollars at the model's price). */
    public record Reply(String text, int modelCalls, Usage usage, String note, double costUsd) {}

    /** Budgets for one request's context. */
    public record Budgets(int context, int memory) {
        public static final Budgets DEFAULT = new Budgets(6_000, 2_000);
    }

    private final Supplier<Context> context;
    private final Turns turns;
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
    private final FixCheck fixCheck;
    private final TaskBrief briefs;
    private final CallInFlight inFlight;
    private final ChatTasks chats;
    private final Conversations conversations;
    private final Fixes fixes;
    private boolean toldOverBudget;

    /**
     * @param context builds the context with fresh AGENTS.md and MEMORY.md
     * @param turns a turn for a scope, working in the given worktree (empty: the workspace)
     */
    Agent(Supplier<Context> context, Turns turns, Worktrees worktrees,
            Recall recall,
            Supplier<Optional<String>> overBudget, Budgets budgets, Tasks tasks, Inbox inbox, Journal journal, Jdbi jdbi,
            InstantSource clock, ZoneId zone, FixCheck fixCheck, CallInFlight inFlight, ChatTasks chats,
            Conversations conversations, Fixes fixes) {
        this.fixes = fixes;
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
        this.fixCheck = fixCheck;
        this.briefs = new TaskBrief(new SinceLastRun(jdbi, zone), worktrees);
        this.inFlight = inFlight;
        this.chats = chats;
        this.conversations = conversations;
    }

    /**
     * What the agent works with, beyond the model.
     *
     * @param sandboxed whether the tools' run_command confines commands (the policy asks before each one if not)
     * @param policy the policy in force, asked afresh for each turn (a changed kairos.yaml swaps it)
     * @param proactiveCommandTimeout how long a proactive task's tool call may block
     * @param testTimeout how long Kairos's own run of a watch's test command, after a fix, may take
     * @param background where a proactive task's command still running after that goes on (empty: it is killed)
     * @param notifications the delivery policy notify_user goes through
     * @param conversations the thread a message task answers in (its window and its reply tool)
     * @param fixes where fix tasks of events other than the local sensors' work, and what their result sets off
     */
    public record Setup(Path workspace, Supplier<List<Path>> watched, Supplier<List<String>> allowedCommands,
            Tools tools, boolean sandboxed, Supplier<Policy> policy, Approvals approvals,
            Duration proactiveCommandTimeout, Memory memory, Duration testTimeout, ProcessRunner processes,
            Optional<BackgroundCommands> background, Notifications notifications,
            Conversations conversations, Fixes fixes) {
        /** Without fixes beyond the local sensors'. */
        public Setup(Path workspace, Supplier<List<Path>> watched, Supplier<List<String>> allowedCommands,
                Tools tools, boolean sandboxed, Supplier<Policy> policy, Approvals approvals,
                Duration proactiveCommandTimeout, Memory memory, Duration testTimeout, ProcessRunner processes,
                Optional<BackgroundCommands> background, Notifications notifications,
                Conversations conversations) {
            this(workspace, watched, allowedCommands, tools, sandboxed, policy, approvals, proactiveCommandTimeout,
                    memory, testTimeout, processes, background, notifications, conversations, Fixes.NONE);
        }
    }

    /**
     * Builds the agent around one model; every tool call goes through the policy. A model with no known price
     * ({@code price} empty) is recorded at $0 and held by the token budgets (see {@link Ledger#unpriced}).
     */
    public static Agent create(ModelClient model, Optional<Price> price, Supplier<String> agentsFile, Setup setup,
            Ledger ledger, Config.Budget budget, Budgets budgets, Tasks tasks, Inbox inbox,
            Journal journal, Jdbi jdbi, InstantSource clock, ZoneId zone) {
        CallInFlight client = new CallInFlight(model, clock);
        String name = client.provider() + "/" + client.model();
        if (price.isEmpty()) log.warn("price=unknown model={} effect=\"{}\"", name, Ledger.unpricedWarning(name));
        Supplier<Optional<String>> overBudget = () -> (price.isEmpty() ? Ledger.unpriced(name, budget)
                : Optional.<String>empty()).or(() -> ledger.overBudget(clock.instant().atZone(zone).toLocalDate(), budget));
        List<ToolSpec> specs = PolicedTools.specs(setup.tools());
        Memory memory = setup.memory();
        Supplier<Context> context = () -> new Context(new Context.Stable(agentsFile.get(), memory.indexText()), specs,
                budgets.context(), zone);
        Recall recall = (query, today, tokens) -> {
            memory.refresh();
            return memory.pack(query, tokens, today);
        };
        Turns turns = new Turns(setup, new Turns.Model(client, name, price.orElse(Price.FREE), ledger, overBudget),
                tasks, journal, new Schedules(jdbi, zone), clock, zone);
        return new Agent(context, turns, new Worktrees(setup.workspace().resolve("worktrees"),
                new Git(setup.processes())), recall, overBudget, budgets, tasks, inbox, journal, jdbi, clock, zone,
                new FixCheck(new RunnerShell(setup.processes(), setup.tools().sandbox(), setup.workspace(), clock),
                        setup.testTimeout()), client, new ChatTasks(jdbi, tasks, setup.approvals(), journal),
                setup.conversations(), setup.fixes());
    }

    /** The model call waiting for its answer, if any: "task=3 model=anthropic/… waiting 47 s". */
    public Optional<String> callInFlight() {
        return inFlight.describe();
    }

    /**
     * One user turn in the user's session. An empty message is refused (no model call); one over the turn budget is
     * clipped (see {@link UserMessage}), and memories get only what room it leaves.
     */
    public synchronized Reply chat(String said) {
        return chat(said, ChatProgress.NONE);
    }

    /** The same, streaming the model's text and naming each tool call to {@code progress} while the turn runs. */
    public synchronized Reply chat(String said, ChatProgress progress) {
        Optional<String> refusal = UserMessage.refusal(said);
        if (refusal.isPresent()) return new Reply("", 0, Usage.ZERO, refusal.get(), 0);
        Instant now = clock.instant();
        inFlight.workingFor("chat");
        UserMessage fitted = UserMessage.fit(Printable.of(said), budgets.context());
        String message = fitted.text();
        Session session = new Session(jdbi, Session.USER);
        int memoryRoom = Math.min(budgets.memory(), budgets.context() - UserMessage.HEADROOM - fitted.tokens());
        PackedMemory memories = memoryRoom <= 0 ? PackedMemory.EMPTY : recall.recall(message, today(now), memoryRoom);
        Instant since = now.minus(CONVERSATION_PAUSE);
        List<Message> window = session.window(budgets.context(), since);
        Context.Parts parts = new Context.Parts(message, memories.text(), window, now, "kairos:chat");
        // someone else's text in the memories, or a reply written under its influence, taints the chat
        ToolGate.Scope scope = new ToolGate.Scope(null, CHAT, memories.untrusted() || session.untrustedSince(since));
        List<String> replies = new ArrayList<>(); // the CLI chat's channel is its output
        Turn.Outcome out = turns.start(scope, Optional.empty(), Optional.of(replies::add))
                .run(context.get().request(parts, 2_048), scope, progress);
        String note = join(fitted.note(), out.end() == Turn.End.DONE ? "" : out.detail());
        if (out.end() == Turn.End.OUT_OF_BUDGET) {
            String advice = out.detail().contains("kairos.yaml") ? out.detail()
                    : out.detail() + "; raise the budget in kairos.yaml or wait";
            if (out.modelCalls() == 0) return new Reply("", 0, Usage.ZERO, "not sent: " + advice, 0);
            note = join(fitted.note(), "stopped midway: " + advice); // earlier steps ran: keep the exchange
        }
        session.append(Message.Role.USER, message, now);
        if (!out.text().isBlank() && !replies.contains(out.text().strip())) replies.add(out.text().strip());
        String text = replies.isEmpty() ? "(no answer: " + out.detail() + ")" : String.join("\n\n", replies);
        Trust replyTrust = out.tainted() ? Trust.UNTRUSTED : Trust.TRUSTED;
        session.append(Message.Role.ASSISTANT, text, clock.instant(), replyTrust);
        journal.append(now, "user: " + message, "chat " + now.toEpochMilli() + " user");
        journal.append(clock.instant(), "kairos: " + text, "chat " + now.toEpochMilli() + " kairos", replyTrust);
        if (!out.approvals().isEmpty()) { // the chat becomes a task that resumes once they are decided
            note = join(note, chats.open(message, window, text, out.approvals(), replyTrust, clock.instant()));
        }
        return new Reply(text, out.modelCalls(), out.usage(), note, turns.costUsd(out.usage()));
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
            inFlight.workingFor("task=" + task.id());
            try {
                Optional<Event> event = task.eventId() == null ? Optional.empty() : inbox.find(task.eventId());
                Optional<Fixes.Site> site;
                try {
                    site = task.kind().equals("fix") ? event.flatMap(fixes::site) : Optional.empty();
                } catch (IllegalStateException e) {
                    unverified(task, event.orElseThrow(), new FixCheck.Verdict(false, e.getMessage(), ""));
                    continue;
                }
                Optional<Path> worktree = site.isPresent()
                        ? Optional.of(worktrees.forTask(task.id(), site.get().repo(), site.get().sha()))
                        : event.flatMap(e -> worktreeFor(task, e));
                Fixing fixing = new Fixing(event, site, worktree);
                Turn.Outcome out = runTask(task, fixing, now);
                calls += out.modelCalls();
                finish(task, out, fixing);
                if (out.end() == Turn.End.OUT_OF_BUDGET) break;
            } catch (ModelException e) {
                log.warn("task={} kind={} model failed: {}", task.id(), task.kind(), e.getMessage());
                if (e.permanent()) {
                    refused(task, e);
                } else {
                    tasks.setState(task.id(), Task.State.PENDING, e.getMessage(), clock.instant());
                }
                break; // the provider is unhappy: the next beat tries again
            } catch (RuntimeException e) {
                log.error("task={} kind={} failed: {}", task.id(), task.kind(), e.toString(), e);
                tasks.setState(task.id(), Task.State.FAILED, e.toString(), clock.instant());
            }
        }
        return calls;
    }

    /** Whether the task is a chat that waited for approvals: it continues where the user decides them. */
    public static boolean continuesAChat(Task task) {
        return ChatTasks.isChat(task);
    }

    /** Runs a chat task here and now (the user just decided its approvals at the terminal); its answer, if given. */
    public synchronized Optional<String> resumeChat(Task task) {
        run(List.of(task));
        return chats.answer(task.id());
    }

    private Turn.Outcome runTask(Task task, Fixing work, Instant now) {
        Optional<Event> event = work.event();
        Optional<Path> worktree = work.worktree();
        TaskNeeds needs = TaskNeeds.of(task, budgets);
        PackedMemory memories = recall.recall(task.title(), today(now), needs.memoryTokens());
        TaskBrief.Brief brief = ChatTasks.isChat(task) ? TaskBrief.Brief.NONE
                : briefs.of(task, needs, event, worktree, work.commit(), now);
        boolean reads = memories.untrusted() || brief.untrusted();
        if (reads && task.trust() != Trust.UNTRUSTED) tasks.taint(task.id()); // it reads them now
        // a message task answers in its thread, whose window taints the turn if it holds someone else's text
        Optional<Conversations.Conversation> thread = ChatTasks.isChat(task) ? Optional.empty()
                : event.flatMap(e -> conversations.of(task, e, budgets.context() / 2));
        ToolGate.Scope scope = new ToolGate.Scope(task.id(), task.kind(), task.trust() == Trust.UNTRUSTED
                || reads || thread.map(Conversations.Conversation::untrusted).orElse(false));
        if (ChatTasks.isChat(task)) {
            Turn turn = turns.start(scope, Optional.empty(), Optional.empty());
            Context.Parts parts = chats.resume(task, turn.gate(), scope, memories.text(), budgets.context(), now);
            return turn.run(context.get().request(parts, 2_048), scope);
        }
        String prompt = TaskPrompt.of(task, event, worktree.map(Path::toString), thread.isPresent())
                + (brief.text().isEmpty() ? "" : "\n" + brief.text());
        List<Message> window = thread.map(Conversations.Conversation::window).orElse(List.of());
        Context.Parts parts = new Context.Parts(prompt, memories.text(), window, now, "kairos:task:" + task.kind());
        return turns.start(scope, worktree, thread.map(Conversations.Conversation::reply), needs.tools())
                .run(context.get().request(parts, 2_048, needs.memoryIndex()), scope, ChatProgress.NONE,
                        needs.cacheFirstCall());
    }

    /** Work on a repository (a failing test) happens in the task's own worktree, at the event's commit. */
    private Optional<Path> worktreeFor(Task task, Event e) {
        return payloadText(e, "repo").flatMap(repo -> payloadText(e, "sha")
                .map(sha -> worktrees.forTask(task.id(), Path.of(repo), sha)));
    }

    private static Optional<String> payloadText(Event e, String field) {
        try {
            var payload = JSON.readTree(e.payload());
            return payload.hasNonNull(field) ? Optional.of(payload.get(field).asText()) : Optional.empty();
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            return Optional.empty();
        }
    }

    /** What a task works on: its event, and for a fix handed over by {@link Fixes}, where and in which worktree. */
    private record Fixing(Optional<Event> event, Optional<Fixes.Site> site, Optional<Path> worktree) {
        /** The fix's result goes to {@link Fixes}: the event is one it handles. */
        boolean handedOver() {
            return site.isPresent() && event.isPresent() && worktree.isPresent();
        }

        /** The commit the work starts from: the failing one (the worktree is checked out there). */
        Optional<String> commit() {
            return site.map(Fixes.Site::sha).or(() -> event.flatMap(e -> payloadText(e, "sha")));
        }
    }

    /** A fix is done when Kairos has seen the test pass in the task's worktree; other tasks when the model says. */
    private Optional<FixCheck.Verdict> verify(Task task, Fixing f, String summary) {
        if (!task.kind().equals("fix")) return Optional.empty();
        Optional<Event> event = f.event();
        Optional<Path> worktree = f.worktree();
        Optional<String> sha = f.commit();
        Optional<String> command = f.site().isPresent() ? f.site().get().testCommand()
                : event.flatMap(e -> payloadText(e, "command"));
        if (worktree.isEmpty() || sha.isEmpty() || command.isEmpty()) {
            return Optional.of(new FixCheck.Verdict(false, "kairos cannot check the fix: the task's event names no "
                    + "repository, commit or test command", ""));
        }
        return Optional.of(fixCheck.check(worktree.get(), sha.get(), command.get(), summary));
    }

    private void finish(Task task, Turn.Outcome out, Fixing fixing) {
        Instant now = clock.instant();
        if (ChatTasks.isChat(task)) chats.deliver(task, out, now);
        switch (out.end()) {
            case DONE -> {
                Optional<FixCheck.Verdict> verdict = verify(task, fixing, out.text());
                if (verdict.isPresent() && !verdict.get().done()) {
                    if (fixing.handedOver()) {
                        unverified(task, fixing.event().get(), verdict.get());
                    } else {
                        failed(task, verdict.get());
                    }
                    return;
                }
                String done = firstLine(out.text()) + verdict.map(v -> " (" + v.reason() + ")").orElse("");
                if (fixing.handedOver() && verdict.isPresent()) {
                    FixCheck.Verdict v = verdict.get();
                    Fixes.Verified fix = new Fixes.Verified(fixing.worktree().get(), fixing.site().get().sha(),
                            fixing.site().get().testCommand().orElse(""), v.tail(), v.reason());
                    jdbi.useTransaction(h -> {
                        Tasks.setState(h, task.id(), Task.State.DONE, done, now);
                        fixes.verified(h, task, fixing.event().get(), fix, now);
                    });
                } else {
                    tasks.setState(task.id(), Task.State.DONE, done, now);
                }
                journal.append(now, "task " + task.id() + " (" + task.kind() + ") done: " + done,
                        "task " + task.id() + " done", out.tainted() ? Trust.UNTRUSTED : task.trust());
            }
            case WAITING_APPROVAL -> {
                tasks.waitFor(task.id(), Task.Wait.APPROVAL, "waiting for an approval", now);
                journal.append(now, "task " + task.id() + " (" + task.kind() + ") waits for an approval "
                        + "(see 'kairos approvals')", "task " + task.id() + " waiting");
            }
            case OUT_OF_BUDGET -> {
                tasks.setState(task.id(), Task.State.PENDING, out.detail(), now);
                tellOverBudget(out.detail());
            }
            case LIMIT -> {
                if (fixing.handedOver()) {
                    unverified(task, fixing.event().get(), new FixCheck.Verdict(false, out.detail(), ""));
                    return;
                }
                tasks.setState(task.id(), Task.State.FAILED, out.detail(), now);
                journal.append(now, "task " + task.id() + " (" + task.kind() + ") stopped: " + out.detail(),
                        "task " + task.id() + " stopped");
            }
        }
    }

    /** Sending the same request again would fail the same way: a few tries, then the task fails. */
    private void refused(Task task, ModelException e) {
        Instant now = clock.instant();
        int refusals = tasks.refusedByModel(task.id(), e.getMessage(), now);
        if (refusals < MAX_MODEL_REFUSALS) return;
        String why = "the model refused it " + refusals + " times: " + e.getMessage();
        log.warn("task={} kind={} failed: {}", task.id(), task.kind(), why);
        tasks.setState(task.id(), Task.State.FAILED, why, now);
        journal.append(now, "task " + task.id() + " (" + task.kind() + ") failed: " + why,
                "task " + task.id() + " failed");
    }

    /** A fix Kairos could not verify: failed, with the reason and the output's tail in the task and the journal. */
    private void failed(Task task, FixCheck.Verdict verdict) {
        Instant now = clock.instant();
        log.warn("task={} kind={} failed: {}", task.id(), task.kind(), verdict.reason());
        tasks.setState(task.id(), Task.State.FAILED, verdict.detail(), now);
        String tail = verdict.tail().isEmpty() ? "" : "; the output ends: " + verdict.tail().replace("\n", " ⏎ ");
        journal.append(now, "task " + task.id() + " (" + task.kind() + ") failed: " + verdict.reason() + tail,
                "task " + task.id() + " failed");
    }

    /** A handed-over fix that cannot be verified: failed and reported like {@link #failed}, and {@link Fixes} told. */
    private void unverified(Task task, Event event, FixCheck.Verdict verdict) {
        Instant now = clock.instant();
        log.warn("task={} kind={} failed: {}", task.id(), task.kind(), verdict.reason());
        jdbi.useTransaction(h -> {
            Tasks.setState(h, task.id(), Task.State.FAILED, verdict.detail(), now);
            fixes.unverified(h, task, event, verdict.reason(), now);
        });
        String tail = verdict.tail().isEmpty() ? "" : "; the output ends: " + verdict.tail().replace("\n", " ⏎ ");
        journal.append(now, "task " + task.id() + " (" + task.kind() + ") failed, nothing pushed: " + verdict.reason()
                + tail, "task " + task.id() + " failed");
    }

    /** Says once per stretch over budget that tasks wait: in the log and the journal. */
    private void tellOverBudget(String reason) {
        if (toldOverBudget) return;
        Instant now = clock.instant();
        log.warn("budget: {}; tasks wait for the next period", reason);
        journal.append(now, "over budget: " + reason + "; tasks wait for the next period", "budget " + today(now));
        toldOverBudget = true;
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "; " + b;
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
