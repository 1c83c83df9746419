package dev.kairos.github;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Table github_fixes: one open fix per failure signature. Opened by triage in the beat's transaction, proposed when
 * the verified fix's effect is recorded, closed when it cannot be verified or its pull request is closed.
 */
final class OpenFixes {
    enum State { OPEN, PROPOSED, CLOSED }

    private OpenFixes() {}

    /** Opens the fix of {@code sig} for event {@code eventId}; false when one is open (or proposed) already. */
    static boolean open(Handle h, FixSignature sig, long eventId, Instant at) {
        return h.createUpdate("""
                INSERT INTO github_fixes (signature, repo, name, branch, event_id, state, opened_at, updated_at)
                VALUES (:sig, :repo, :name, :branch, :event, 'OPEN', :at, :at)
                ON CONFLICT (signature) DO UPDATE SET event_id = excluded.event_id, state = 'OPEN',
                    opened_at = excluded.opened_at, updated_at = excluded.updated_at, detail = ''
                WHERE github_fixes.state = 'CLOSED'""")
                .bind("sig", sig.id()).bind("repo", sig.repo()).bind("name", sig.name()).bind("branch", sig.branch())
                .bind("event", eventId).bind("at", at.toEpochMilli()).execute() == 1;
    }

    /** The signature whose open fix event {@code eventId} started, if it did. */
    static Optional<FixSignature> of(Handle h, long eventId) {
        return h.createQuery("SELECT repo, name, branch FROM github_fixes WHERE event_id = :e")
                .bind("e", eventId).map((rs, ctx) -> new FixSignature(rs.getString("repo"), rs.getString("name"),
                        rs.getString("branch"))).findFirst();
    }

    static void set(Handle h, FixSignature sig, State state, String detail, Instant at) {
        h.createUpdate("UPDATE github_fixes SET state = :s, detail = :d, updated_at = :at WHERE signature = :sig")
                .bind("s", state.name()).bind("d", detail).bind("at", at.toEpochMilli()).bind("sig", sig.id())
                .execute();
    }

    /** The fix whose branch is {@code branch} ("kairos/fix-…-<id>") is over: its pull request was closed. */
    static void closeByBranch(Handle h, String branch, Instant at) {
        String id = branch.substring(branch.lastIndexOf('-') + 1);
        h.createUpdate("""
                UPDATE github_fixes SET state = 'CLOSED', detail = 'its pull request was closed', updated_at = :at
                WHERE signature = :sig""").bind("at", at.toEpochMilli()).bind("sig", id).execute();
    }
}
