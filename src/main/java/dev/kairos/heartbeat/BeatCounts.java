package dev.kairos.heartbeat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Beats per local day: the one place an idle beat leaves a trace. */
public final class BeatCounts {
    public record Day(int beats, int idleBeats, Optional<Instant> lastBeat) {}

    private final Jdbi jdbi;

    public BeatCounts(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    static void count(Handle h, LocalDate day, boolean idle, Instant at) {
        h.createUpdate("""
                INSERT INTO beat_days (day, beats, idle_beats, last_beat) VALUES (:day, 1, :idle, :at)
                ON CONFLICT (day) DO UPDATE SET beats = beats + 1, idle_beats = idle_beats + :idle,
                    last_beat = max(last_beat, :at)""")
                .bind("day", day.toString()).bind("idle", idle ? 1 : 0).bind("at", at.toEpochMilli()).execute();
    }

    public Day day(LocalDate day) {
        return jdbi.withHandle(h -> h.createQuery("SELECT beats, idle_beats FROM beat_days WHERE day = :day")
                .bind("day", day.toString())
                .map((rs, ctx) -> new Day(rs.getInt("beats"), rs.getInt("idle_beats"), lastBeat(h)))
                .findOne().orElseGet(() -> new Day(0, 0, lastBeat(h))));
    }

    private static Optional<Instant> lastBeat(Handle h) {
        return h.createQuery("SELECT max(last_beat) FROM beat_days").mapTo(Long.class).findOne()
                .map(Instant::ofEpochMilli);
    }
}
