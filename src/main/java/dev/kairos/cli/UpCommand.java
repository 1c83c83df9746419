package dev.kairos.cli;

import dev.kairos.Kairos;
import dev.kairos.config.Config;
import dev.kairos.config.ConfigChanges;
import dev.kairos.config.ConfigReader;
import dev.kairos.config.Durations;
import dev.kairos.config.Workspace;
import dev.kairos.heartbeat.BeatReport;
import dev.kairos.heartbeat.HeartbeatLoop;
import dev.kairos.store.AgentLock;
import dev.kairos.web.ApprovalAnswers;
import dev.kairos.web.GitHubHook;
import dev.kairos.web.WebServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "up", description = {"Run the agent in the foreground (creates the workspace if needed).",
        "Ctrl-C or SIGTERM stops it cleanly: the beat in progress finishes first."})
final class UpCommand implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger("dev.kairos.up");
    /** Outside dev.kairos, so it reaches logs/kairos.log but not the console (see OperatorLog). */
    private static final Logger stopped = LoggerFactory.getLogger("kairos.stopped");

    @ParentCommand KairosCommand parent;

    @Option(names = "--every", paramLabel = "DURATION",
            description = "Beat interval, e.g. 30s, 5m (default: heartbeat.every in kairos.yaml, 5m).")
    String every;

    @Override
    public Integer call() throws InterruptedException {
        Cli cli = parent.cli;
        Workspace ws = cli.workspace();
        if (!ws.initialised()) {
            ws.init();
            cli.out().println("Created the workspace at " + ws.home() + " (edit kairos.yaml, AGENTS.md, HEARTBEAT.md).");
        }
        dev.kairos.notify.PushKeys.ensure(ws.keysDir()); // a workspace made before Web Push gets its keys
        Config config = ConfigReader.read(ws.home(), cli.env());
        ConfigChanges changes = new ConfigChanges(ws.home(), cli.env());
        if (every != null) config = config.withHeartbeatEvery(parseEvery(every));

        AgentLock lock = AgentLock.acquire(ws.home());
        // the shutdown hook stops the loop, then waits until everything below is closed: sensors (and the test
        // runs they started), the web server, the store, the lock
        CountDownLatch closed = new CountDownLatch(1);
        AtomicReference<HeartbeatLoop> loopRef = new AtomicReference<>();
        AtomicReference<Kairos> kairosRef = new AtomicReference<>();
        AtomicBoolean stopping = new AtomicBoolean();
        Thread hook = new Thread(() -> {
            stopping.set(true);
            HeartbeatLoop loop = loopRef.get();
            if (loop != null) loop.stop();
            awaitStop(closed, kairosRef);
        }, "kairos-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean failed = false;
        try (lock; Kairos k = Kairos.open(config, cli.env(), cli.clock(), Kairos.Mode.DAEMON)) {
            kairosRef.set(k);
            OperatorLog.forDaemon(ws.logsDir());
            int requeued = k.tasks().requeueInterrupted(cli.clock().instant());
            if (requeued > 0) log.info("{} task(s) interrupted by the last stop will run again", requeued);
            Runnable wake = () -> { // a delivery or an answer from a device wakes the loop (once there is one)
                HeartbeatLoop loop = loopRef.get();
                if (loop != null) loop.wake();
            };
            ApprovalAnswers answers = new ApprovalAnswers(k.approvals(), k.approvalLinks(), wake);
            try (WebServer web = WebServer.start(config.http().port(), new WebServer.Parts(k::status,
                    () -> TickReport.of(k.heartbeat().beat()),
                    new WebServer.Chat(k::agent, k.store().jdbi(), k.ledger(), config.channels().webToken()),
                    k.notifiers().push()).withAnswers(answers).withGitHub(new GitHubHook(k.githubWebhooks(), wake))
                    .withAfterChat(wake))) {
                lock.publishPort(web.port());
                k.servingOn(web.port());
                HeartbeatLoop loop = new HeartbeatLoop(k.heartbeat(), config.heartbeat().every(),
                        config.heartbeat().jitter(), config.heartbeat().activeHours(), config.zone(), cli.clock(),
                        new Random(), idleAware(config, cli).andThen(r -> dreamIfDue(k))
                                .andThen(beat -> changes.check(k::reload)));
                loopRef.set(loop);
                if (stopping.get()) loop.stop();
                k.sensors().forEach(s -> s.onWake(loop::wake));
                log.info("kairos up: home={} every={} activeHours={} http=http://127.0.0.1:{}", ws.home(),
                        Durations.format(config.heartbeat().every()), config.heartbeat().activeHours(), web.port());
                if (config.github().webhookSecret().isEmpty() && !config.github().repos().isEmpty()) {
                    log.info("GITHUB_WEBHOOK_SECRET is not set: POST /hooks/github refuses every delivery");
                }
                if (config.models().main().isEmpty()) {
                    log.info("no model configured (set KAIROS_MODEL=provider/model): tasks are queued, not run");
                }
                loop.run();
            }
        } catch (RuntimeException e) {
            failed = true;
            // the reason goes to the terminal as one line (KairosCommand); the log file keeps it with its trace
            stopped.error("kairos stopped: {}", e.getMessage(), e);
            throw e;
        } finally {
            if (!failed) log.info("kairos stopped cleanly");
            closed.countDown();
        }
        return 0;
    }

    /** After each beat: the dream's gates are cheap to check (no model, no file read while closed). */
    private static void dreamIfDue(Kairos k) {
        try {
            dev.kairos.dream.DreamReport d = k.dream(false, true);
            if (d.outcome() != dev.kairos.dream.DreamReport.Outcome.NOT_DUE) {
                log.info("dream {}: {}", d.outcome().name().toLowerCase(java.util.Locale.ROOT),
                        d.message().lines().findFirst().orElse(""));
            }
        } catch (RuntimeException e) {
            log.warn("dream failed, memory is as it was: {}", e.getMessage());
        }
    }

    /**
     * Waits (up to 30 s) for the beat in progress to finish, but not for a model call: its answer could take the
     * whole model time-out and has no effect yet, so it is abandoned with one line saying what; the task, left
     * running, runs again at the next start.
     */
    private static void awaitStop(CountDownLatch closed, AtomicReference<Kairos> kairos) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try {
            while (!closed.await(100, TimeUnit.MILLISECONDS)) {
                Kairos k = kairos.get();
                java.util.Optional<String> call = k == null ? java.util.Optional.empty() : k.modelCallInFlight();
                if (call.isPresent()) {
                    log.warn("stopping: abandoned a model call, {}; the task runs again at the next start", call.get());
                    return;
                }
                if (System.nanoTime() - deadline > 0) {
                    log.warn("stopping: the beat in progress did not finish within 30 s; it runs again at the next start");
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Logs each beat that did something; while idle, one "alive" line per heartbeat.logIdleEvery. */
    private static java.util.function.Consumer<BeatReport> idleAware(Config config, Cli cli) {
        AtomicInteger idle = new AtomicInteger();
        AtomicReference<Instant> lastLine = new AtomicReference<>(cli.clock().instant());
        return r -> {
            if (!r.idle()) {
                log.info(r.line());
                return;
            }
            int n = idle.incrementAndGet();
            if (Duration.between(lastLine.get(), r.at()).compareTo(config.heartbeat().logIdleEvery()) >= 0) {
                log.info("alive: {} idle beats, 0 tokens, since {}", n, lastLine.get());
                idle.set(0);
                lastLine.set(r.at());
            }
        };
    }

    private static Duration parseEvery(String text) {
        try {
            Duration d = Durations.parse(text);
            if (d.compareTo(Duration.ofMillis(100)) < 0 || d.compareTo(Duration.ofDays(1)) > 0) {
                throw new IllegalArgumentException("out of range");
            }
            return d;
        } catch (IllegalArgumentException e) {
            throw new UserError("--every " + text + ": not a usable interval; use between 100ms and 1d, e.g. 1s, 30s, 5m or 1h");
        }
    }
}
