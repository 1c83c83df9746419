package dev.kairos.agent;

import dev.kairos.event.Trust;
import dev.kairos.heartbeat.Task;
import dev.kairos.heartbeat.Tasks;
import dev.kairos.ledger.Ledger;
import dev.kairos.memory.Journal;
import dev.kairos.memory.Memory;
import dev.kairos.memory.MemoryItem;
import dev.kairos.memory.Topic;
import dev.kairos.model.Price;
import dev.kairos.notify.Notification;
import dev.kairos.notify.Notifications;
import dev.kairos.policy.PolicyContext;
import dev.kairos.sense.BackgroundCommands;
import dev.kairos.sense.Schedules;
import dev.kairos.tool.ToolContext;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a turn for a scope: where it works (its worktree, or the workspace), what its tools may touch and call back
 * into (memory, notifications, schedules, the background, the reply channel), all behind the policy and the turn's
 * taint, and the model it talks to.
 */
final class Turns {
    private static final Logger log = LoggerFactory.getLogger(Turns.class);

    /** The model side of every turn: the client, its name and price, the ledger and the budget check. */
    record Model(CallInFlight client, String name, Price price, Ledger ledger, Supplier<Optional<String>> overBudget) {}

    private final Agent.Setup setup;
    private final Model model;
    private final Tasks tasks;
    private final Journal journal;
    private final Schedules schedules;
    private final InstantSource clock;
    private final ZoneId zone;

    Turns(Agent.Setup setup, Model model, Tasks tasks, Journal journal, Schedules schedules, InstantSource clock,
            ZoneId zone) {
        this.setup = setup;
        this.model = model;
        this.tasks = tasks;
        this.journal = journal;
        this.schedules = schedules;
        this.clock = clock;
        this.zone = zone;
    }

    /** A turn for {@code scope}, in {@code worktree} (empty: the workspace), answering on {@code channel} (empty: none). */
    Turn start(ToolGate.Scope scope, Optional<Path> worktree, Optional<ToolContext.Reply> channel) {
        return start(scope, worktree, channel, tool -> true);
    }

    /** The same, offering (and running) only the tools {@code offered} names. */
    Turn start(ToolGate.Scope scope, Optional<Path> worktree, Optional<ToolContext.Reply> channel,
            Predicate<String> offered) {
        Path root = worktree.orElse(setup.workspace());
        List<Path> watched = setup.watched().get();
        List<Path> writable = new ArrayList<>(watched);
        writable.add(setup.workspace());
        worktree.ifPresent(writable::add);
        PolicyContext where = new PolicyContext(scope.tainted() ? Trust.UNTRUSTED : Trust.TRUSTED, root, worktree,
                setup.workspace(), watched, setup.allowedCommands().get(), setup.sandboxed());
        Taint taint = new Taint(scope.tainted(), tasks::taint);
        ToolContext tools = tools(scope, taint, ToolContext.at(root, clock).withWritableRoots(writable)
                .withWorkspace(setup.workspace()));
        if (channel.isPresent()) tools = tools.withReply(channel.get());
        ToolGate gate = taint.around(new PolicedTools(setup.tools(), setup.policy().get(), setup.approvals(), where,
                tools));
        gate = TaskNeeds.narrow(gate, offered);
        return new Turn(model.client(), model.name(), model.price(), gate, model.ledger(), model.overBudget(), clock,
                zone, Turn.Limits.DEFAULT);
    }

    /** What {@code usage} costs at the model's price, in US dollars ($0 for a model with no known price). */
    double costUsd(dev.kairos.model.Usage usage) {
        return model.price().cost(usage).doubleValue();
    }

    /** The callbacks the tools reach Kairos through; what the turn writes carries its taint. */
    private ToolContext tools(ToolGate.Scope scope, Taint taint, ToolContext base) {
        Memory memory = setup.memory();
        String from = scope.taskId() == null ? "chat" : "task " + scope.taskId();
        ToolContext tools = base
                .withRemember(text -> {
                    Topic topic = scope.taskId() == null ? Topic.USER : Topic.EPISODES;
                    MemoryItem item = memory.remember(topic, text, from, taint.trust(), clock.instant());
                    return "remembered in " + item.path();
                })
                .withMemory(new MemoryTools(memory, clock, zone))
                .withNotifyUser((title, text) -> {
                    Instant now = clock.instant();
                    Notifications.Sent sent = setup.notifications().send(Notification.of(title, text,
                            Notification.Priority.NORMAL), notifyKey(scope, title, text, now));
                    log.info("notify title=\"{}\" delivery={}", title, sent.name().toLowerCase(Locale.ROOT));
                    journal.append(now, "told the user: " + title + ": " + text, "notify " + now.toEpochMilli(),
                            taint.trust());
                })
                .withSchedule((text, at, every) -> {
                    Schedules.Entry e = schedules.add(text, at, every, taint.trust(), from, clock.instant());
                    return "scheduled #" + e.id() + " (" + e.when() + "): " + e.text()
                            + "; it comes due as a check task, and `kairos status` lists it";
                });
        if (setup.conversations().canStart()) {
            tools = tools.withMessageUser(text -> {
                String key = messageKey(scope, text, clock.instant());
                if (!setup.conversations().started(key)) { // a replayed turn records nothing new: let it through
                    setup.notifications().heldMessage(setup.conversations().lastStarted()).ifPresent(why -> {
                        throw new IllegalStateException(why);
                    });
                }
                String where = setup.conversations().start(text, key);
                journal.append(clock.instant(), "wrote to the user (" + where + "): " + text, from,
                        taint.trust());
                return where;
            });
        }
        if (scope.taskId() == null) return tools;
        tools = tools.withCommandTimeout(setup.proactiveCommandTimeout());
        if (setup.background().isEmpty()) return tools;
        BackgroundCommands jobs = setup.background().get();
        String title = tasks.find(scope.taskId()).map(Task::title).orElse(scope.kind());
        return tools.withBackground((command, cwd, end) -> jobs.adopt(
                new BackgroundCommands.Origin(scope.taskId(), title, taint.trust()), command, cwd, end));
    }

    /** A task's message to the user is keyed by the task and the text, so a replayed task writes once. */
    static String messageKey(ToolGate.Scope scope, String text, Instant now) {
        String of = scope.taskId() == null ? "chat-" + now.toEpochMilli() : "task-" + scope.taskId();
        return of + ":" + Notifications.fingerprint(Notification.of("message", text, Notification.Priority.NORMAL))
                .substring(0, 16);
    }

    /** A task's notification is keyed by the task and the text, so a replayed task notifies once. */
    static String notifyKey(ToolGate.Scope scope, String title, String text, Instant now) {
        String of = scope.taskId() == null ? "chat-" + now.toEpochMilli() : "task-" + scope.taskId();
        return "notify_user:" + of + ":" + Notifications.fingerprint(Notification.of(title, text,
                Notification.Priority.NORMAL)).substring(0, 16);
    }
}
