package dev.kairos.sense;

import dev.kairos.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.event.Event;
import dev.kairos.event.Secrets;
import dev.kairos.event.Trust;
import dev.kairos.process.Result;
import java.time.Instant;

/**
 * A command a task left running in the background, as the store keeps it while it runs, and its end, as the
 * {@code command.finished} event reports it (with the task's trust: the output is as trusted as the task was).
 *
 * @param owner the Kairos process it runs under ("pid@start"): when that process is gone, so is the command
 */
record CommandJob(long number, long taskId, String taskTitle, Trust trust, String command, String cwd, String owner,
        Instant startedAt) {
    static final String SOURCE = "command";
    static final String KIND = "command.finished";
    static final String STOPPED = "the agent stopped while it ran";
    /** How much of the end of the output the event carries. */
    static final int TAIL_CHARS = 2_000;

    /** How a job ended: {@code how} says it in words ("exit 0", "timed out", {@link #STOPPED}). */
    record End(String how, int exitCode, boolean timedOut, long durationMs, String outputTail, Instant at) {
        static End of(Result r, Instant at) {
            String how = switch (r.ending()) {
                case EXITED -> "exit " + r.exitCode();
                case TIMED_OUT -> "timed out and was killed with its children";
                case NOT_STARTED -> "could not run";
                case INTERRUPTED -> STOPPED;
            };
            return new End(how, r.exitCode(), r.timedOut(), r.duration().toMillis(), tail(r.text()), at);
        }

        static End stopped(Instant at) {
            return new End(STOPPED, -1, false, -1, "", at);
        }
    }

    String json() {
        return Json.write(fields());
    }

    static CommandJob read(String json) {
        JsonNode n = Json.tree(json);
        return new CommandJob(n.get("job").asLong(), n.get("task").asLong(), n.path("taskTitle").asText(),
                Trust.valueOf(n.get("trust").asText()), n.get("command").asText(), n.path("cwd").asText(),
                n.path("owner").asText(), Instant.parse(n.get("startedAt").asText()));
    }

    /** The job and its end, stored until reported: the payload of its event. */
    String endedJson(End end) {
        return Json.write(fields().put("ended", end.how()).put("exitCode", end.exitCode())
                .put("timedOut", end.timedOut()).put("durationMs", end.durationMs()).put("outputTail", end.outputTail())
                .put("endedAt", end.at().toString()));
    }

    /** The event of a stored end ({@link #endedJson}). */
    static Event finished(String endedJson) {
        CommandJob job = read(endedJson);
        JsonNode n = Json.tree(endedJson);
        String line = job.command().strip().replace('\n', ' ');
        String shown = line.length() > 80 ? line.substring(0, 80) + "…" : line;
        String summary = "`" + shown + "` (job " + job.number() + ", task " + job.taskId() + ") ended: "
                + n.path("ended").asText();
        ObjectNode payload = (ObjectNode) n;
        payload.remove("owner");
        return Event.observed(SOURCE, KIND, "job-" + job.number(), Instant.parse(n.get("endedAt").asText()),
                job.trust(), summary, Json.write(payload));
    }

    private ObjectNode fields() {
        return Json.object().put("job", number).put("task", taskId).put("taskTitle", taskTitle)
                .put("trust", trust.name()).put("command", command).put("cwd", cwd).put("owner", owner)
                .put("startedAt", startedAt.toString());
    }

    /** The last lines of the output, redacted, at most {@link #TAIL_CHARS} characters. */
    private static String tail(String output) {
        String out = output.length() <= TAIL_CHARS ? output : output.substring(output.length() - TAIL_CHARS);
        int nl = out.indexOf('\n');
        if (out.length() < output.length() && nl >= 0 && nl < out.length() - 1) out = out.substring(nl + 1);
        return Secrets.redact(out);
    }
}
