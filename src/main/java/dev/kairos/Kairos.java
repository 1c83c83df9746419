package dev.kairos;

import dev.kairos.agent.Agent;
import dev.kairos.channel.Channels;
import dev.kairos.config.Config;
import dev.kairos.config.Workspace;
import dev.kairos.dream.Dream;
import dev.kairos.dream.DreamReport;
import dev.kairos.effect.Courier;
import dev.kairos.effect.Dispatch;
import dev.kairos.effect.Outbox;
import dev.kairos.event.Inbox;
import dev.kairos.github.GitHub;
import dev.kairos.github.GitHubWebhooks;
import dev.kairos.github.Normaliser;
import dev.kairos.github.Subscriptions;
import dev.kairos.heartbeat.BeatCounts;
import dev.kairos.heartbeat.Heartbeat;
import dev.kairos.heartbeat.Task;
import dev.kairos.heartbeat.TaskRunner;
import dev.kairos.heartbeat.Tasks;
import dev.kairos.heartbeat.Triage;
import dev.kairos.ledger.Ledger;
import dev.kairos.memory.Embedder;
import dev.kairos.memory.Journal;
import dev.kairos.memory.Memory;
import dev.kairos.notify.ApprovalLinks;
import dev.kairos.notify.Notifications;
import dev.kairos.notify.Notifiers;
import dev.kairos.notify.Notify;
import dev.kairos.policy.Approvals;
import dev.kairos.policy.Policy;
import dev.kairos.process.ProcessRunner;
import dev.kairos.tool.Sandbox;
import dev.kairos.tool.Tools;
import dev.kairos.model.ModelClient;
import dev.kairos.model.ModelClients;
import dev.kairos.model.ModelSpec;
import dev.kairos.model.Prices;
import dev.kairos.sense.BackgroundCommands;
import dev.kairos.sense.FileSensor;
import dev.kairos.sense.GitSensor;
import dev.kairos.sense.ScheduleSensor;
import dev.kairos.sense.Schedules;
import dev.kairos.sense.Sensor;
import dev.kairos.sense.Watch;
import dev.kairos.sense.Watches;
import dev.kairos.store.AgentLock;
import dev.kairos.store.Store;
import java.io.IOException;
import java.security.SecureRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Wires the parts together by constructor; the one place that knows them all. */
public final class Kairos implements AutoCloseable {
    /** What the process is for: it decides which sensors run and how test runs are scheduled. */
    public enum Mode {
        /** Reports and chat: no sensors. */
        READ,
        /** One beat (`kairos tick`): sensors poll, test runs finish within the beat. */
        ONE_BEAT,
        /**
         * The running agent: file events wake the beat, test runs go to the background, and so does a proactive
         * command still running after its blocking budget (elsewhere the process ends with the beat: it is killed).
         */
        DAEMON
    }

    private final Config config;
    private final InstantSource clock;
    private final Store store;
    private final Inbox inbox;
    private final Tasks tasks;
    private final BeatCounts beats;
    private final Ledger ledger;
    private final Journal journal;
    private final List<Sensor> sensors;
    private final Watches watches;
    private final Optional<ScheduleSensor> schedule;
    private final ExecutorService background;
    private final Mode mode;
    private final Approvals approvals;
    private final Memory memory;
    private final Dream dream;
    private final ProcessRunner processes;
    private final Outbox outbox;
    private final List<Courier> couriers;
    private final Notify notify;
    private final GitHub github;
    private final Channels channels;

    /** A proactive task's tool call blocks at most this long. */
    static final Duration PROACTIVE_COMMAND_TIMEOUT = Duration.ofSeconds(15);
    private final Duration blockingBudget;
    private final Optional<BackgroundCommands> commands;
    private final Heartbeat heartbeat;
    private final Map<String, String> env;
    private volatile Agent agent; // built on first use: a missing key must not stop `status`
    private Sandbox sandbox; // found with the agent: `status` alone only looks along the PATH
    private volatile Policy policy;

    private Kairos(Config config, Map<String, String> env, InstantSource clock, Mode mode, Duration blockingBudget,
            Embedder embedder, List<Courier> extraCouriers) {
        this.config = config;
        this.blockingBudget = blockingBudget;
        this.clock = clock;
        Workspace ws = config.workspace();
        this.store = Store.open(ws.stateDb());
        this.processes = new ProcessRunner(ws.processesDir(), System.getenv());
        processes.killLeftovers(); // what an agent killed with kill -9 left running
        this.inbox = new Inbox(store.jdbi());
        this.tasks = new Tasks(store.jdbi());
        this.beats = new BeatCounts(store.jdbi());
        this.ledger = new Ledger(store.jdbi());
        this.journal = new Journal(ws.memoryDir(), config.zone());
        this.mode = mode;
        this.approvals = new Approvals(store.jdbi(), clock, config.policy().approvalTtl());
        this.policy = new Policy(config.policy());
        this.memory = new Memory(ws.memoryDir(), store.jdbi(), config.zone(), embedder);
        this.dream = new Dream(new Dream.Setup(ws.memoryDir(), ws.home().resolve("dream.lock"), store.jdbi(), embedder,
                config.dream(), config.zone(), clock, memory::refresh, this::dreamModel));
        this.watches = new Watches(store.jdbi());
        this.github = new GitHub(config.github(), store.jdbi(), clock, new dev.kairos.process.Git(processes));
        this.background = mode == Mode.DAEMON ? Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "kairos-test-runs");
            t.setDaemon(true);
            return t;
        }) : null;
        this.sensors = new ArrayList<>();
        if (mode == Mode.READ) {
            this.schedule = Optional.empty();
            this.commands = Optional.empty();
        } else {
            ScheduleSensor s = new ScheduleSensor(store.jdbi(), ws.heartbeatFile(), config.zone());
            this.schedule = Optional.of(s);
            Config.Sensors sc = config.sensors();
            sensors.add(new GitSensor(store.jdbi(), this::watching, ws.worktreesDir(),
                    mode == Mode.DAEMON ? background : Runnable::run, processes, sc.uncommittedAfter(),
                    sc.testTimeout()));
            sensors.add(new FileSensor(this::watching, clock, mode == Mode.DAEMON
                    ? FileSensor.Detection.WATCH_SERVICE : FileSensor.Detection.POLLING, sc.debounce(), sc.ignore()));
            sensors.add(s);
            this.commands = Optional.of(new BackgroundCommands(store.jdbi(), clock));
            sensors.add(commands.get());
            github.poller().ifPresent(sensors::add);
        }
        this.env = env;
        Optional<dev.kairos.heartbeat.TaskRunner> runner = config.models().main().map(spec -> new TaskRunner() {
            @Override
            public int run(List<Task> pending) {
                try {
                    return agent().orElseThrow().run(pending);
                } catch (dev.kairos.model.ModelException e) {
                    modelProblem(e.getMessage());
                    return 0;
                }
            }

            @Override
            public void requeue() {
                tasks.resumeAnswered(approvals::tasksAsking, clock.instant());
            }
        });
        this.outbox = new Outbox(store.jdbi(), clock);
        this.channels = Channels.configured(config.channels(),
                new Channels.Setup(store.jdbi(), clock, ws.home(), outbox, tasks, journal));
        if (mode != Mode.READ) sensors.addAll(channels.receivers());
        this.notify = new Notify(config.notifications(), new Notify.Setup(ws, store.jdbi(), clock, config.zone(),
                config.http().port(), approvals, new SecureRandom(), extraCouriers));
        this.couriers = couriers(extraCouriers);
        Triage triage = Triage.standard().with(github.reactions());
        this.heartbeat = new Heartbeat(store.jdbi(), inbox, sensors, triage, journal, tasks, runner,
                clock, config.zone(), new Dispatch(outbox, couriers, clock), notify::beforeDelivery);
    }

    /** `kairos up` says which port it listens on (0 in kairos.yaml picks one), for the links sent to devices. */
    public void servingOn(int port) {
        notify.servingOn(port);
    }

    private Agent agent(ModelSpec spec, Map<String, String> env) {
        ModelClient client = ModelClients.create(spec, env, config.models().timeout());
        Workspace ws = config.workspace();
        sandbox = Sandbox.detect(env, processes);
        Agent.Setup setup = new Agent.Setup(ws.home(), () -> watching().stream().map(Watch::path).toList(),
                () -> watching().stream().flatMap(w -> w.testCommand().stream()).toList(),
                Tools.standard(processes, sandbox), sandbox.isolates(), () -> policy, approvals,
                blockingBudget, memory, config.sensors().testTimeout(), processes,
                mode == Mode.DAEMON ? commands : Optional.empty(), notify.notifications(),
                channels.orElse(github.threads()),
                github.fixes(this::watchedTest));
        return Agent.create(client, prices().find(spec), () -> read(ws.agentsFile()), setup, ledger,
                config.budget(), Agent.Budgets.DEFAULT, tasks, inbox, journal, store.jdbi(), clock, config.zone());
    }

    /** Who delivers the outbox's effects, by kind: each configured notifier, channel and GitHub, then the caller's. */
    private List<Courier> couriers(List<Courier> extra) {
        List<Courier> out = new ArrayList<>(notify.couriers());
        out.addAll(channels.couriers());
        out.addAll(github.couriers());
        out.addAll(extra);
        return List.copyOf(out);
    }

    /** The test command a `kairos watch` (or kairos.yaml's watch) gives the folder {@code checkout}, if any. */
    private Optional<String> watchedTest(Path checkout) {
        return watching().stream().filter(w -> samePath(w.path(), checkout)).findFirst()
                .flatMap(Watch::testCommand);
    }

    private static boolean samePath(Path a, Path b) {
        try {
            return a.toRealPath().equals(b.toRealPath());
        } catch (IOException e) {
            return a.toAbsolutePath().normalize().equals(b.toAbsolutePath().normalize());
        }
    }

    /** The built-in list, with kairos.yaml's `prices` taking precedence. */
    private Prices prices() {
        Map<String, dev.kairos.model.Price> overrides = new LinkedHashMap<>();
        config.prices().forEach((model, p) -> overrides.put(model, dev.kairos.model.Price.of(
                Double.toString(p.input()), Double.toString(p.output()), Double.toString(p.cacheWrite()),
                Double.toString(p.cacheRead()))));
        return Prices.withOverrides(overrides);
    }

    /** A user-editable file, or nothing when it is missing. */
    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    /** The agent, when a model is configured; throws ModelException when its client cannot be built. */
    public synchronized Optional<Agent> agent() {
        if (agent == null && config.models().main().isPresent()) {
            agent = agent(ModelSpec.parse(config.models().main().get()), env);
        }
        return Optional.ofNullable(agent);
    }

    /** The model call the agent waits for, if any (see {@link Agent#callInFlight()}); never builds the agent. */
    public Optional<String> modelCallInFlight() {
        Agent a = agent;
        return a == null ? Optional.empty() : a.callInFlight();
    }

    private String lastModelProblem;

    /** Says each distinct model problem once in the log; the tasks stay queued. */
    private synchronized void modelProblem(String message) {
        if (message.equals(lastModelProblem)) return;
        lastModelProblem = message;
        org.slf4j.LoggerFactory.getLogger(Kairos.class).warn("model unavailable, tasks stay queued: {}", message);
    }

    /** Takes the policy of a kairos.yaml changed on disk for the turns to come; other settings wait for a restart. */
    public void reload(Config changed) {
        policy = new Policy(changed.policy());
    }

    /** Opens the workspace's store and builds the parts; the workspace must exist (see {@link Workspace#init()}). */
    public static Kairos open(Config config, Map<String, String> env, InstantSource clock, Mode mode) {
        return open(config, env, clock, mode, PROACTIVE_COMMAND_TIMEOUT);
    }

    /** With {@code blockingBudget} for how long a proactive task's tool call may block (tests shorten it). */
    static Kairos open(Config config, Map<String, String> env, InstantSource clock, Mode mode,
            Duration blockingBudget) {
        return new Kairos(config, env, clock, mode, blockingBudget,
                Embedder.local(config.workspace().home().resolve("cache")), List.of());
    }

    /** With the caller's embedder: a benchmark shares one model, and the vectors it made, between workspaces. */
    public static Kairos open(Config config, Map<String, String> env, InstantSource clock, Mode mode,
            Embedder embedder) {
        return new Kairos(config, env, clock, mode, PROACTIVE_COMMAND_TIMEOUT, embedder, List.of());
    }

    /** With couriers of the caller's besides the configured ones (a test's notifier, registered as notify.NAME). */
    static Kairos open(Config config, Map<String, String> env, InstantSource clock, Mode mode,
            List<Courier> couriers) {
        return new Kairos(config, env, clock, mode, PROACTIVE_COMMAND_TIMEOUT,
                Embedder.local(config.workspace().home().resolve("cache")), couriers);
    }

    /** For reports and chat: no sensors run. */
    public static Kairos open(Config config, Map<String, String> env, InstantSource clock) {
        return open(config, env, clock, Mode.READ);
    }

    /** Folders and repositories followed: those added with `kairos watch`, then those in kairos.yaml. */
    public List<Watch> watching() {
        Map<Path, Watch> all = new LinkedHashMap<>();
        for (Watch w : watches.list()) all.put(w.path(), w);
        for (Config.Watch w : config.watch()) all.putIfAbsent(w.path(), new Watch(w.path(), w.test()));
        return List.copyOf(all.values());
    }

    /** Memory files and their index; the embedding model loads on first use. */
    public Memory memory() {
        return memory;
    }

    /**
     * A dream now (`kairos dream`), or only when its gates are open (after each beat of `kairos up`); a dream that
     * looked at memory gets its own ledger line, kind "dream" (0 tokens without a model).
     */
    public DreamReport dream(boolean dryRun, boolean onlyIfDue) {
        DreamReport r = onlyIfDue ? dream.runIfDue() : dream.run(dryRun);
        if (r.outcome() != DreamReport.Outcome.NOT_DUE && r.outcome() != DreamReport.Outcome.BUSY
                && r.outcome() != DreamReport.Outcome.DRY_RUN) {
            Optional<ModelSpec> small = r.tokens() == 0 ? Optional.empty()
                    : config.models().small().map(ModelSpec::parse);
            dev.kairos.model.Usage u = r.usage();
            ledger.record(new Ledger.Call(r.at(), r.at().atZone(config.zone()).toLocalDate(), null, "dream",
                    small.map(ModelSpec::toString).orElse("none"), u.inputTokens(), u.outputTokens(),
                    u.cacheWriteTokens(), u.cacheReadTokens(),
                    small.map(spec -> prices().of(spec).cost(u).doubleValue()).orElse(0.0)));
        }
        return r;
    }

    /** The small model for a dream (`model.small`), unless none is set or today's budget is spent. */
    private Optional<ModelClient> dreamModel() {
        if (config.models().small().isEmpty()) return Optional.empty();
        LocalDate today = clock.instant().atZone(config.zone()).toLocalDate();
        Optional<String> over = ledger.overBudget(today, config.budget());
        if (over.isPresent()) {
            org.slf4j.LoggerFactory.getLogger(Kairos.class).info("dream without the small model: {}", over.get());
            return Optional.empty();
        }
        return Optional.of(ModelClients.create(ModelSpec.parse(config.models().small().get()), env,
                config.models().timeout()));
    }

    public Dream.Undo undoDream() {
        return dream.undo();
    }

    public Outbox outbox() {
        return outbox;
    }

    /** ntfy, Web Push and email, as configured: their names, couriers and the Web Push subscriptions. */
    public Notifiers notifiers() {
        return notify.notifiers();
    }

    public Approvals approvals() {
        return approvals;
    }

    /** The delivery policy every notification to the user's devices goes through. */
    public Notifications notifications() {
        return notify.notifications();
    }

    /** The signed links that let a device approve or deny (checked by the web server's approval route). */
    public ApprovalLinks approvalLinks() {
        return notify.approvalLinks();
    }

    /** The GitHub repositories followed: kairos.yaml's and those added with `kairos github subscribe`. */
    public Subscriptions subscriptions() {
        return github.subscriptions();
    }

    /** GitHub deliveries (webhooks and polling alike) into inbox events. */
    public Normaliser githubEvents() {
        return github.events();
    }

    /** POST /hooks/github's checks, independent of HTTP. */
    public GitHubWebhooks githubWebhooks() {
        return github.webhooks();
    }

    public Watches watches() {
        return watches;
    }

    public Status status() {
        LocalDate today = clock.instant().atZone(config.zone()).toLocalDate();
        BeatCounts.Day day = beats.day(today);
        Ledger.Totals spent = ledger.day(today);
        Map<String, Integer> byState = new LinkedHashMap<>();
        tasks.countByState().forEach((state, n) -> byState.put(state.name().toLowerCase(), n));
        // the daemon must not probe its own lock: closing any descriptor of the file drops the process's lock
        boolean running = mode == Mode.DAEMON || AgentLock.isHeld(config.home());
        return new Status(running, config.home().toString(), day.lastBeat().orElse(null),
                day.beats(), day.idleBeats(), inbox.pendingCount(), byState,
                new Status.Today(spent.inputTokens(), spent.outputTokens(), spent.costUsd()),
                watching().stream().map(w -> w.path().toString()).toList(), config.models().main().orElse(null),
                problems(), new Schedules(store.jdbi(), config.zone()).active().stream()
                        .map(e -> new Status.Scheduled(e.id(), e.text(), e.at(), e.every(), e.setBy(), e.createdAt()))
                        .toList(), outboxCounts());
    }

    private Map<String, Integer> outboxCounts() {
        Map<String, Integer> out = new LinkedHashMap<>();
        outbox.counts().forEach((state, n) -> out.put(state.name().toLowerCase(), n));
        return out;
    }

    /** What the user should fix: shown by `status`. */
    public synchronized List<String> problems() {
        List<String> out = new ArrayList<>();
        if (lastModelProblem != null) out.add(lastModelProblem);
        (sandbox != null ? sandbox.problem() : Sandbox.missing(env)).ifPresent(out::add);
        out.addAll(notify.problems());
        tasks.failedSince(clock.instant().minus(Duration.ofDays(1)), 5).forEach(t -> out.add(t.failure()));
        out.addAll(channels.problems());
        outbox.failedSince(clock.instant().minus(Duration.ofDays(1)), 5).forEach(e -> out.add("not delivered: "
                + e.kind() + " (" + e.key() + "): " + e.lastError().orElse("refused")));
        config.models().main().map(ModelSpec::parse).filter(spec -> prices().find(spec).isEmpty())
                .ifPresent(spec -> out.add(dev.kairos.ledger.Ledger.unpricedWarning(spec.toString())));
        if (schedule.isPresent()) {
            out.addAll(schedule.get().problems());
        } else {
            out.addAll(ScheduleSensor.problemsIn(config.workspace().heartbeatFile()));
        }
        return out;
    }

    public Ledger ledger() {
        return ledger;
    }

    public Config config() {
        return config;
    }

    public Heartbeat heartbeat() {
        return heartbeat;
    }

    public Inbox inbox() {
        return inbox;
    }

    public Tasks tasks() {
        return tasks;
    }

    public Journal journal() {
        return journal;
    }

    public Store store() {
        return store;
    }

    public List<Sensor> sensors() {
        return List.copyOf(sensors);
    }

    public List<Task> pendingTasks() {
        return tasks.inState(Task.State.PENDING);
    }

    @Override
    public void close() {
        for (Sensor s : sensors) s.close(); // background commands still running are recorded as stopped...
        if (background != null) background.shutdownNow();
        processes.shutdown(); // ...and die here with test runs and their children
        memory.close();
        github.close();
    }
}
