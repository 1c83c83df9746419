package dev.kairos.heartbeat;

import dev.kairos.event.Event;
import dev.kairos.event.Inbox;
import dev.kairos.memory.Journal;
import dev.kairos.sense.Sensor;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One beat: poll the sensors into the inbox, take the pending events, triage them into tasks, journal them, and
 * hand pending tasks to the runner. The triage, the journal lines and the "processed" marks commit together, so a
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

    public Heartbeat(Jdbi jdbi, Inbox inbox, List<Sensor> sensors, Triage triage, Journal journal, Tasks tasks,
            Optional<TaskRunner> runner, InstantSource clock, ZoneId zone) {
        this.jdbi = jdbi;
        this.inbox = inbox;
        this.sensors = List.copyOf(sensors);
        this.triage = triage;
        this.journal = journal;
        this.tasks = tasks;
        this.runner = runner;
        this.clock = clock;
        this.zone = zone;
    }

    public synchronized BeatReport beat() {
        Instant now = clock.instant();
        for (Sensor sensor : sensors) {
            try {
                for (Event e : sensor.poll(now)) inbox.add(e);
            } catch (RuntimeException e) {
                log.warn("sensor={} poll failed: {}", sensor.name(), e.toString());
            }
        }
        List<Event> events = inbox.pending(BATCH);
        List<Task> created = events.isEmpty() ? List.of() : jdbi.inTransaction(h -> {
            List<Task> made = new ArrayList<>();
            for (Event e : events) {
                Optional<Task> task = triage.taskFor(e).map(t -> Tasks.insert(h, t));
                task.ifPresent(made::add);
                journal.append(e.observedAt(), e.summary() + task.map(t -> " → task " + t.id() + " (" + t.kind() + ")")
                        .orElse(""), "event " + e.id() + ", " + e.kind());
            }
            Inbox.markProcessed(h, events.stream().map(Event::id).toList(), now);
            BeatCounts.count(h, now.atZone(zone).toLocalDate(), false, now);
            return made;
        });
        int modelCalls = 0;
        if (runner.isPresent()) {
            List<Task> pending = tasks.inState(Task.State.PENDING);
            if (!pending.isEmpty()) modelCalls = runner.get().run(pending);
        }
        boolean idle = events.isEmpty() && modelCalls == 0;
        if (idle) {
            jdbi.useTransaction(h -> BeatCounts.count(h, now.atZone(zone).toLocalDate(), true, now));
            return BeatReport.idle(now);
        }
        if (events.isEmpty()) {
            jdbi.useTransaction(h -> BeatCounts.count(h, now.atZone(zone).toLocalDate(), false, now));
        }
        return new BeatReport(now, false, events, created, modelCalls);
    }
}
