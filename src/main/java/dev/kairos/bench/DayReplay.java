package dev.kairos.bench;

import dev.kairos.dream.DreamReport;
import dev.kairos.heartbeat.Task;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The day benchmark's days, minute by minute, on the replay's clock (UTC). A beat every 30 minutes from 00:00 to
 * 23:30, each followed by the dream's check, as {@code kairos up} runs them; HEARTBEAT.md's check comes due at the
 * 09:00 and 17:00 beats, and the dream at 03:00. Between the beats:
 * <pre>
 * 08:05 "good morning"                       14:10 a commit that breaks the test (Kairos fixes it at 14:30)
 * 10:10 an edit left uncommitted             15:40 the user merges Kairos's fix
 * 11:10 a commit                             16:10 an edit and a commit
 * 12:35 a question about an earlier day      18:05 "please remember this: ..."
 * 13:05 a GitHub delivery (where it landed)  20:05 the evening's LoCoMo session, heard by Kairos
 * </pre>
 */
final class DayReplay {
    static final LocalTime SETUP = LocalTime.of(20, 0);
    private static final Duration BEAT = Duration.ofMinutes(30);
    private static final Duration BETWEEN_TURNS = Duration.ofSeconds(20);

    private final ReplayClock clock;
    private final CountingModelServer server;
    private final DayBench.Home home;
    private final WorkRepo repo;
    private final LocomoDays locomo;
    private final Baseline baseline;
    private Instant nextBeat;
    private DayTally tally;
    private Long fixTask;

    DayReplay(ReplayClock clock, CountingModelServer server, DayBench.Home home, WorkRepo repo, LocomoDays locomo,
            Baseline baseline) {
        this.clock = clock;
        this.server = server;
        this.home = home;
        this.repo = repo;
        this.locomo = locomo;
        this.baseline = baseline;
        this.nextBeat = clock.instant();
    }

    /** The evening before the first day: Kairos starts (its first beat sees the repository), a session is said. */
    void eveningBefore() {
        LocalDate eve = clock.instant().atZone(ZoneOffset.UTC).toLocalDate();
        tally = new DayTally(0, eve);
        evening(0, eve);
        until(eve.atTime(23, 30));
    }

    DayTally day(int day, LocalDate date) {
        tally = new DayTally(day, date);
        fixTask = null;
        at(date, 8, 5, () -> chat(GreetingBench.GREETING));
        at(date, 10, 10, () -> repo.note("day " + day + ": try a faster double"));
        at(date, 11, 10, () -> repo.commit("Notes, day " + day));
        at(date, 12, 35, () -> locomo.question(day).ifPresent(this::chat));
        at(date, 13, 5, () -> home.deliverGitHub(day));
        if (home.sandboxed()) at(date, 14, 10, () -> repo.breakAdd("Simplify add, day " + day));
        at(date, 15, 40, () -> takeFix(day));
        at(date, 16, 10, () -> {
            repo.note("day " + day + ": tidy up");
            repo.commit("Tidy notes, day " + day);
        });
        at(date, 18, 5, () -> locomo.fact(day).ifPresent(f -> chat(DayScript.REMEMBER + f)));
        evening(day, date);
        until(date.atTime(23, 30));
        return tally;
    }

    private void evening(int day, LocalDate date) {
        at(date, 20, 5, () -> locomo.evening(day).ifPresent(s -> {
            Instant t = clock.instant();
            for (LocomoData.Turn turn : s.turns()) {
                clock.set(t);
                home.journal().append(t, turn.speaker(), turn.text(), turn.diaId());
                t = t.plus(BETWEEN_TURNS);
            }
        }));
    }

    private void takeFix(int day) {
        if (!home.sandboxed()) {
            tally.fix("skipped");
            return;
        }
        if (fixTask == null) {
            tally.fix("no task");
            return;
        }
        Optional<Task> task = home.task(fixTask);
        boolean verified = task.map(t -> t.state() == Task.State.DONE).orElse(false);
        tally.fix(verified ? "verified" : "not verified: " + task.map(Task::state).map(Enum::name).orElse("gone"));
        repo.takeFix("kairos/task-" + fixTask, "Put add right by hand, day " + day);
    }

    private void chat(String message) {
        int before = server.count();
        home.chat(message);
        tally.requests(since(before));
    }

    /** Beats up to {@code time} on {@code date}, then the clock there and {@code action}. */
    private void at(LocalDate date, int hour, int minute, Runnable action) {
        Instant t = date.atTime(hour, minute).toInstant(ZoneOffset.UTC);
        until(date.atTime(hour, minute));
        clock.set(t);
        action.run();
    }

    /** Every beat due up to and including {@code time}. */
    private void until(java.time.LocalDateTime time) {
        Instant end = time.toInstant(ZoneOffset.UTC);
        while (!nextBeat.isAfter(end)) {
            clock.set(nextBeat);
            beat();
            nextBeat = nextBeat.plus(BEAT);
        }
    }

    private void beat() {
        int before = server.count();
        DayBench.Beat b = home.beat();
        b.report().tasks().stream().filter(t -> t.kind().equals("fix")).forEach(t -> fixTask = t.id());
        if (b.dream().outcome() != DreamReport.Outcome.NOT_DUE) {
            tally.dream(b.dream().outcome().name().toLowerCase(Locale.ROOT));
        }
        tally.beat(b.report().idle(), since(before), baseline.at(clock.instant()));
    }

    private List<CountingModelServer.Received> since(int before) {
        List<CountingModelServer.Received> all = server.received();
        return all.subList(before, all.size());
    }
}
