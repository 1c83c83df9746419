package dev.kairos.cli;

import dev.kairos.Kairos;
import dev.kairos.agent.Agent;
import dev.kairos.heartbeat.Task;
import dev.kairos.model.ModelException;
import dev.kairos.policy.Approval;
import dev.kairos.store.AgentLock;
import dev.kairos.store.StoreException;
import java.util.Optional;

/**
 * What a decision means for the task that asked: back in the queue once none of its approvals is pending, still
 * waiting for the others, or nothing at all when it already finished. A chat that asked continues here and now when
 * no agent is running (its answer is printed), else in the running agent at its next beat.
 */
final class TaskAfterDecision {
    /** What to tell the user, and the chat's answer when it continued here (else null). */
    record Said(String note, String answer) {}

    private final Kairos k;
    private final Cli cli;

    TaskAfterDecision(Kairos k, Cli cli) {
        this.k = k;
        this.cli = cli;
    }

    Said follow(Approval decided) {
        k.tasks().resumeAnswered(k.approvals()::tasksAsking, cli.clock().instant());
        Optional<Task> task = decided.taskId() == null ? Optional.empty() : k.tasks().find(decided.taskId());
        if (task.isEmpty()) return new Said("nothing waits for it any more, so nothing runs", null);
        Task t = task.get();
        return switch (t.state()) {
            case DONE, FAILED -> new Said("but task " + t.id() + " already finished (" + t.state().name().toLowerCase()
                    + "): it does not run again, and this approval runs nothing", null);
            case WAITING -> new Said("task " + t.id() + " still waits for its other approvals ('kairos approvals')",
                    null);
            case RUNNING -> new Said("task " + t.id() + " is running now", null);
            case PENDING -> Agent.continuesAChat(t) ? continueChat(t)
                    : new Said("task " + t.id() + " resumes at the next beat", null);
        };
    }

    private Said continueChat(Task t) {
        String chat = "the chat (task " + t.id() + ")";
        AgentLock lock;
        try {
            lock = AgentLock.acquire(k.config().home());
        } catch (StoreException running) {
            return new Said("the running agent continues " + chat + " at its next beat; the answer goes to your "
                    + "conversation and the journal", null);
        }
        try (lock) {
            Optional<Agent> agent;
            try {
                agent = k.agent();
            } catch (ModelException e) {
                return new Said(chat + " continues at the next beat or 'kairos tick' once the model can be used: "
                        + e.getMessage(), null);
            }
            if (agent.isEmpty()) return new Said(chat + " continues once a model is configured", null);
            Optional<String> answer = agent.get().resumeChat(t);
            Task after = k.tasks().find(t.id()).orElse(t);
            if (answer.isPresent()) {
                return new Said(chat + " continued here" + (after.state() == Task.State.WAITING ? " and asks for "
                        + "another approval ('kairos approvals' lists it)" : "") + ":", answer.get());
            }
            if (after.state() == Task.State.FAILED) return new Said(chat + " failed: " + after.detail(), null);
            String why = after.detail().equals(t.detail()) || after.detail().isBlank() ? "" : " (" + after.detail() + ")";
            return new Said(chat + " did not continue here" + why + "; it continues at the next beat or 'kairos tick'",
                    null);
        }
    }
}
