package dev.kairos.sense;

import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.process.Result;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commands proactive tasks left running in the background, and their ends as {@code command.finished} events
 * (source {@code command}, keyed by job number). A job is recorded in the store when it is taken over, and its end
 * replaces that record in one write, which wakes the heartbeat; an end is reported at every poll until the poll
 * after (the inbox keeps one event per job). So a crash loses nothing: a job dies with its Kairos process (the
 * process runner sees to that), and a job whose process closed or is gone is reported as ended with
 * "the agent stopped while it ran".
 */
public final class BackgroundCommands implements Sensor {
    private static final Logger log = LoggerFactory.getLogger(BackgroundCommands.class);
    private static final String NEXT = "next-job";
    private static final String RUNNING = "running:";
    private static final String ENDED = "ended:";

    /** Where a job came from: the task that started it, and that task's trust. */
    public record Origin(long taskId, String taskTitle, Trust trust) {}

    private final SensorState state;
    private final InstantSource clock;
    private final String owner = owner(ProcessHandle.current());
    private final Map<Long, CommandJob> live = new HashMap<>(); // guarded by this
    private final List<String> reported = new ArrayList<>(); // the polling thread's
    private boolean closed; // guarded by this
    private volatile Runnable wake = () -> {};

    public BackgroundCommands(Jdbi jdbi, InstantSource clock) {
        this.state = new SensorState(jdbi, name());
        this.clock = clock;
    }

    @Override
    public String name() {
        return CommandJob.SOURCE;
    }

    /**
     * Takes over {@code command}, running in {@code cwd} for {@code origin}, until {@code end} completes; returns its
     * job number. Throws when Kairos is stopping or the store cannot record it (the caller then kills the command).
     */
    public long adopt(Origin origin, String command, Path cwd, CompletionStage<Result> end) {
        CommandJob job;
        synchronized (this) {
            if (closed) throw new IllegalStateException("kairos is stopping");
            long number = state.increment(NEXT);
            job = new CommandJob(number, origin.taskId(), origin.taskTitle(), origin.trust(), command,
                    cwd.toString(), owner, clock.instant());
            state.put(RUNNING + key(number), job.json());
            live.put(number, job);
        }
        log.info("job={} task={} went to the background", job.number(), job.taskId());
        end.whenComplete((r, failure) -> ended(job, r != null ? CommandJob.End.of(r, clock.instant())
                : new CommandJob.End("failed: " + failure, -1, false, -1, "", clock.instant())));
        return job.number();
    }

    private void ended(CommandJob job, CommandJob.End end) {
        synchronized (this) {
            if (closed || live.remove(job.number()) == null) return; // closing reports it as stopped
            record(job, end);
        }
        log.info("job={} task={} ended: {}", job.number(), job.taskId(), end.how());
        wake.run();
    }

    private void record(CommandJob job, CommandJob.End end) {
        state.update(Map.of(ENDED + key(job.number()), job.endedJson(end)), List.of(RUNNING + key(job.number())));
    }

    @Override
    public List<Event> poll(Instant now) {
        if (!reported.isEmpty()) { // the previous poll's events are in the inbox by now
            state.update(Map.of(), reported);
            reported.clear();
        }
        state.withPrefix(RUNNING).forEach((key, json) -> {
            CommandJob job = readOrNull(key, json);
            if (job != null && !job.owner().equals(owner) && gone(job.owner())) {
                record(job, CommandJob.End.stopped(now));
            }
        });
        List<Event> events = new ArrayList<>();
        state.withPrefix(ENDED).forEach((key, json) -> {
            reported.add(key);
            try {
                events.add(CommandJob.finished(json));
            } catch (RuntimeException e) {
                log.warn("dropping an unreadable background job key={} reason={}", key, e.getMessage());
            }
        });
        return events;
    }

    @Override
    public void onWake(Runnable wake) {
        this.wake = wake;
    }

    /** Kairos is stopping: the jobs still running die with it; each is recorded as stopped, to be reported next. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        for (CommandJob job : live.values()) {
            try {
                record(job, CommandJob.End.stopped(clock.instant()));
            } catch (RuntimeException e) {
                log.warn("job={} cannot record that it stopped: {}", job.number(), e.getMessage());
            }
        }
        live.clear();
    }

    private CommandJob readOrNull(String key, String json) {
        try {
            return CommandJob.read(json);
        } catch (RuntimeException e) {
            log.warn("dropping an unreadable background job key={} reason={}", key, e.getMessage());
            state.remove(key);
            return null;
        }
    }

    /** Keys sort as numbers. */
    private static String key(long number) {
        return String.format("%012d", number);
    }

    private static String owner(ProcessHandle p) {
        return p.pid() + "@" + p.info().startInstant().map(i -> Long.toString(i.toEpochMilli())).orElse("");
    }

    /** Whether the Kairos process {@code owner} names has stopped (a reused pid has another start time). */
    private static boolean gone(String owner) {
        int at = owner.indexOf('@');
        try {
            Optional<ProcessHandle> p = ProcessHandle.of(Long.parseLong(owner.substring(0, Math.max(at, 0))));
            return p.filter(ProcessHandle::isAlive).isEmpty()
                    || (at < owner.length() - 1 && !owner(p.get()).equals(owner));
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
