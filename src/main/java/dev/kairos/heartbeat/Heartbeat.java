package dev.kairos.heartbeat;

import dev.kairos.effect.Dispatch;
import dev.kairos.event.Event;
import dev.kairos.event.Inbox;
import dev.kairos.memory.Journal;
import dev.kairos.sense.Sensor;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One beat: poll the sensors into the inbox, take the pending events, triage them into tasks, journal them, and
 * hand pending tasks to the runner, then deliver what the outbox holds. The triage, the journal lines and the "processed" marks commit together, so a
 * beat cut short by a crash is replayed whole, never half. Nothing new and nothing due: no model call, no journal
 * line, only the day's beat counter moves.
 */
public final class Heartbeat {
    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);
    private static final int BATCH = 200;

    private final Jdbi jdbi;
    private final Inbox inbox;
    private final List<Sensor> sensors;
    private final Triage triage;
    private final Journal journal;
    private final Tasks tasks;
    private final Optional<TaskRunner> runner;
    private final InstantSource clock;
    private final ZoneId zone;
    private final Dispatch effects;
    private final Runnable beforeDelivery;
    /** Events a sensor reported that could not be stored yet: stored before that sensor polls again. */
    private final Map<Sensor, List<Event>> unsaved = new HashMap<>();

    public Heartbeat(Jdbi jdbi, Inbox inbox, List<Sensor> sensors, Triage triage, Journal journal, Tasks tasks,
            Optional<TaskRunner> runner, InstantSource clock, ZoneId zone, Dispatch effects) {
        this(jdbi, inbox, sensors, triage, journal, tasks, runner, clock, zone, effects, () -> {});
    }

    /**
     * @param beforeDelivery runs at each beat after the tasks and before the outbox is delivered: what decides
     *     effects without a model (the notifications' delivery policy)
     */
    public Heartbeat(Jdbi jdbi, Inbox inbox, List<Sensor> sensors, Triage triage, Journal journal, Tasks tasks,
            Optional<TaskRunner> runner, InstantSource clock, ZoneId zone, Dispatch effects, Runnable beforeDelivery) {
        this.jdbi = jdbi;
        this.inbox = inbox;
        this.sensors = List.copyOf(sensors);
        this.triage = triage;
        this.journal = journal;
        this.tasks = tasks;
        this.runner = runner;
        this.clock = clock;
        this.zone = zone;
        this.effects = effects;
        this.beforeDelivery = beforeDelivery;
    }

    public synchronized BeatReport beat() {
        Instant now = clock.instant();
        for (Sensor sensor : sensors) poll(sensor, now);
        List<Event> pending = inbox.pending(BATCH);
        List<Event> events = new ArrayList<>();
        List<Task> created = pending.isEmpty() ? List.of() : jdbi.inTransaction(h -> {
            List<Task> made = new ArrayList<>();
            for (Event e : pending) {
                // claiming the event first makes a second process's beat over the same events a no-op
                if (!Inbox.claim(h, e.id(), now)) continue;
                events.add(e);
                Optional<Task> task = triage.taskFor(h, e).map(t -> Tasks.insert(h, t));
                task.ifPresent(made::add);
                journal.append(e.observedAt(), e.summary() + task.map(t -> " → task " + t.id() + " (" + t.kind() + ")")
                        .orElse(""), "event " + e.id() + ", " + e.kind(), e.trust());
            }
            return made;
        });
        int modelCalls = 0;
        if (runner.isPresent()) {
            runner.get().requeue();
            List<Task> queued = tasks.inState(Task.State.PENDING);
            if (!queued.isEmpty()) modelCalls = runner.get().run(queued);
        }
        beforeDelivery.run();
        effects.deliverDue(); // what this beat's tasks decided, and retries that came due: no model call
        boolean idle = events.isEmpty() && modelCalls == 0;
        jdbi.useTransaction(h -> BeatCounts.count(h, now.atZone(zone).toLocalDate(), idle, now));
        return idle ? BeatReport.idle(now) : new BeatReport(now, false, events, created, modelCalls);
    }

    /**
     * Polls one sensor into the inbox. A sensor may treat what it returned as reported, so events that could not
     * be stored (the database busy, the disk full) are kept and stored before the sensor is polled again.
     */
    private void poll(Sensor sensor, Instant now) {
        List<Event> waiting = unsaved.computeIfAbsent(sensor, s -> new ArrayList<>());
        try {
            store(waiting);
            waiting.addAll(sensor.poll(now));
            store(waiting);
        } catch (RuntimeException e) {
            log.warn("sensor={} poll failed, will retry: {}", sensor.name(), rootMessage(e));
        }
    }

    private void store(List<Event> waiting) {
        while (!waiting.isEmpty()) {
            inbox.add(waiting.getFirst());
            waiting.removeFirst();
        }
    }

    /** The innermost message: a database error's toString would carry the values it was binding. */
    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).lines().findFirst().orElse("");
    }
}
