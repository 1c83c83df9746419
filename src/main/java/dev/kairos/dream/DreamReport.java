package dev.kairos.dream;

import dev.kairos.model.Usage;
import java.time.Instant;
import java.util.List;

/**
 * What a dream did, or would do, or why it did not: the commit message of a dream is {@link #message()}. Items and
 * bytes count memory's default context (MEMORY.md, topics, journal; archive/ left out). {@code usage}: what the small
 * model spent ({@link Usage#ZERO} without one); {@code rewritten}: the clusters of notes it rewrote.
 */
public record DreamReport(Outcome outcome, String reason, Instant at, int itemsBefore, int itemsAfter,
        long bytesBefore, long bytesAfter, int merged, int pruned, int archived, int turnedPast, int dropped,
        List<String> topics, Usage usage, int rewritten, String commit, List<String> changed, String diff) {

    public enum Outcome {
        /** Memory changed: one new commit. */
        DREAMT,
        /** Nothing to consolidate; nothing written. */
        UNCHANGED,
        /** What would change, printed; nothing written. */
        DRY_RUN,
        /** Over a limit (a quarter of the items dropped, a pinned item changed); nothing written. */
        REFUSED,
        /** Another dream holds the lock. */
        BUSY,
        /** Gates closed: not the time, or not enough new material. */
        NOT_DUE
    }

    public DreamReport {
        topics = List.copyOf(topics);
        changed = List.copyOf(changed);
    }

    static DreamReport without(Outcome outcome, String reason, Instant at) {
        return new DreamReport(outcome, reason, at, 0, 0, 0, 0, 0, 0, 0, 0, 0, List.of(), Usage.ZERO, 0, null,
                List.of(), "");
    }

    DreamReport with(Outcome o, String why, String commitId) {
        return new DreamReport(o, why, at, itemsBefore, itemsAfter, bytesBefore, bytesAfter, merged, pruned, archived,
                turnedPast, dropped, topics, usage, rewritten, commitId, changed, diff);
    }

    /** Every token the small model spent on this dream, in and out (0 without a model). */
    public long tokens() {
        return usage.totalInputTokens() + usage.outputTokens();
    }

    /** The commit message: a summary line, then the figures. */
    public String message() {
        StringBuilder sb = new StringBuilder(MemoryRepo.DREAM).append(at).append(": ").append(merged)
                .append(" merged, ").append(pruned).append(" pruned, ").append(archived).append(" archived, ")
                .append(turnedPast).append(" now past\n\n");
        if (reason != null && !reason.isBlank()) sb.append(reason).append("\n\n");
        sb.append("items: ").append(itemsBefore).append(" -> ").append(itemsAfter).append('\n');
        sb.append("bytes: ").append(bytesBefore).append(" -> ").append(bytesAfter).append('\n');
        sb.append("topics: ").append(topics.isEmpty() ? "none" : String.join(", ", topics)).append('\n');
        sb.append("tokens: ").append(tokens()).append(tokens() == 0 ? " (deterministic, no model)"
                : " (small model: " + rewritten + (rewritten == 1 ? " cluster" : " clusters") + " rewritten)")
                .append('\n');
        if (!changed.isEmpty()) sb.append("files: ").append(String.join(", ", changed)).append('\n');
        return sb.toString();
    }
}
