package dev.kairos.agent;

import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.event.Untrusted;
import dev.kairos.heartbeat.Task;
import java.util.Optional;

/** The task message of a proactive turn: what happened, what is asked, and untrusted text fenced as data. */
final class TaskPrompt {
    private static final int MAX_PAYLOAD_CHARS = 6_000;

    private TaskPrompt() {}

    /** @param threaded whether the message came on a channel, which only the reply tool answers */
    static String of(Task task, Optional<Event> event, Optional<String> worktree, boolean threaded) {
        StringBuilder sb = new StringBuilder();
        sb.append("Task ").append(task.id()).append(" (").append(task.kind()).append("): ").append(task.title()).append('\n');
        sb.append(switch (task.kind()) {
            case "fix" -> "A test run failed; its output is in the details below. Fix the code in your worktree and "
                    + "touch nothing else. When you finish, Kairos reruns the test command there and commits what "
                    + "changed on this task's branch; run the test yourself if you need to see it.";
            case "check" -> "A standing check (from HEARTBEAT.md, or one scheduled earlier) or a reminder is due. "
                    + "Do it, and report only what matters.";
            case "remind" -> "Work has been left uncommitted for a long time. Decide whether the user should be "
                    + "told; if so, notify them in one line.";
            case "reply" -> threaded ? "A message arrived. Answer it with the reply tool: only what you pass to it "
                    + "reaches the sender; your final text is a note for the journal."
                    : "A message arrived. Reply if a reply is useful.";
            case "review" -> "A pull request is ready for review. Read what it changes and post one summary comment "
                    + "with the reply tool: only what you pass to it is posted; your final text is a note for the "
                    + "journal.";
            case "followup" -> "A command that an earlier task started went on in the background and has ended; the "
                    + "details below give that task, the command, how it ended and the end of its output. Continue "
                    + "that task's work from here.";
            default -> "Handle it as the user would want.";
        }).append('\n');
        worktree.ifPresent(w -> sb.append("Your worktree (work only here): ").append(w).append('\n'));
        event.ifPresent(e -> {
            String payload = e.payload().length() > MAX_PAYLOAD_CHARS
                    ? e.payload().substring(0, MAX_PAYLOAD_CHARS) + "…" : e.payload();
            String body = "Event " + e.id() + " from " + e.source() + " (" + e.kind() + "): " + e.summary()
                    + "\nDetails: " + payload;
            if (e.trust() == Trust.UNTRUSTED) {
                sb.append(Untrusted.fence("\n" + body + "\n")).append('\n');
            } else {
                sb.append(body).append('\n');
            }
        });
        return sb.toString();
    }
}
