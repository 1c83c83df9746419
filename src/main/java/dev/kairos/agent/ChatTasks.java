package dev.kairos.agent;

import dev.kairos.event.Trust;
import dev.kairos.heartbeat.Task;
import dev.kairos.heartbeat.Tasks;
import dev.kairos.memory.Journal;
import dev.kairos.model.Content;
import dev.kairos.model.Message;
import dev.kairos.policy.Approval;
import dev.kairos.policy.Approvals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;

/**
 * A chat that asked for approvals becomes a task of kind {@value #KIND}, holding the conversation so far in a
 * session of its own. Once none of its approvals is pending it resumes: each approved call runs once, through the
 * gate, and the model is told what became of every approval, then finishes its answer. The answer goes where the
 * chat's replies go: the user's conversation and the journal.
 *
 * <p>The task's session ends, while the chat waits, with the model's reply; a resumption adds one user message
 * whose first line says what was decided and whose other lines hold what the approved calls returned.
 */
final class ChatTasks {
    static final String KIND = "chat";
    private static final String CONTINUE = "The conversation above paused for these decisions. Continue where you "
            + "stopped and finish answering the user.";

    private final Jdbi jdbi;
    private final Tasks tasks;
    private final Approvals approvals;
    private final Journal journal;

    ChatTasks(Jdbi jdbi, Tasks tasks, Approvals approvals, Journal journal) {
        this.jdbi = jdbi;
        this.tasks = tasks;
        this.approvals = approvals;
        this.journal = journal;
    }

    static boolean isChat(Task task) {
        return KIND.equals(task.kind());
    }

    /**
     * Makes the chat a task waiting for {@code asked}, all in one transaction; returns what to tell the user. A chat
     * that was tainted makes an untrusted task, so it stays tainted when it resumes.
     */
    String open(String message, List<Message> window, String reply, List<Long> asked, Trust trust, Instant at) {
        Task task = jdbi.inTransaction(h -> {
            Task t = tasks.add(new Task(0, KIND, title(message), Task.State.WAITING, trust, null, at, ""));
            tasks.waitFor(t.id(), Task.Wait.APPROVAL, "waiting for an approval", at);
            approvals.adopt(asked, t.id());
            Session own = session(t.id());
            for (Message m : window) own.append(m.role(), text(m), at);
            own.append(Message.Role.USER, message, at);
            own.append(Message.Role.ASSISTANT, reply, at);
            return t;
        });
        if (asked.size() > 1) {
            return "approvals " + asked.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " wait for you ('kairos approvals' lists them); this chat (task " + task.id()
                    + ") continues once all are decided";
        }
        long id = asked.getFirst();
        String call = approvals.find(id).map(a -> ": " + a.tool() + " " + a.input()).orElse("");
        return "approval " + id + " waits for you" + call + "; 'kairos approvals approve " + id + "' runs it once "
                + "and this chat continues, 'kairos approvals deny " + id + "' refuses it";
    }

    /**
     * What a resumed chat sends: its conversation, and as the last message what became of its approvals. The
     * approved calls run here, once, through {@code gate}; every decision is marked used, so it is told once.
     */
    Context.Parts resume(Task task, ToolGate gate, ToolGate.Scope scope, String memories, int budget, Instant now) {
        Session own = session(task.id());
        List<String> decided = new ArrayList<>();
        List<String> results = new ArrayList<>();
        for (Approval a : approvals.unsettled(task.id())) {
            String call = a.tool() + " " + a.input();
            switch (a.state()) {
                case APPROVED -> {
                    ToolGate.Result r = gate.call(new Content.ToolUse("approval-" + a.id(), a.tool(), a.input()), scope);
                    decided.add("approval " + a.id() + " approved by the user: " + call);
                    results.add("The call of approval " + a.id() + " was made, once" + (r.isError() ? ", and failed"
                            : "") + ". It returned:\n" + r.content());
                }
                case DENIED -> decided.add("approval " + a.id() + " denied by the user: " + call
                        + " did not run; do not ask for it again");
                default -> decided.add("approval " + a.id() + " expired unanswered, which counts as no: " + call
                        + " did not run");
            }
            approvals.settle(a.id());
        }
        if (!decided.isEmpty()) {
            results.addFirst(String.join("; ", decided));
            own.append(Message.Role.USER, String.join("\n", results), now);
        }
        List<Message> all = own.window(budget, Instant.EPOCH);
        int split = all.size();
        while (split > 0 && all.get(split - 1).role() == Message.Role.USER) split--;
        String news = all.subList(split, all.size()).stream().map(ChatTasks::text).collect(Collectors.joining("\n"));
        String prompt = (news.isBlank() ? "No approval of this conversation was decided." : news) + "\n\n" + CONTINUE;
        return new Context.Parts(prompt, memories, all.subList(0, split), now, "kairos:chat");
    }

    /** The resumed chat's answer goes to the task's session, the user's conversation and the journal. */
    void deliver(Task task, Turn.Outcome out, Instant at) {
        if (out.end() == Turn.End.OUT_OF_BUDGET) return; // it runs again, and answers then
        String answer = out.text().isBlank() ? "(no answer: " + out.detail() + ")" : out.text();
        Session own = session(task.id());
        List<Message> all = own.window(Integer.MAX_VALUE, Instant.EPOCH);
        String decided = all.isEmpty() || all.getLast().role() != Message.Role.USER ? "the conversation resumed"
                : text(all.getLast()).lines().findFirst().orElse("");
        own.append(Message.Role.ASSISTANT, answer, at);
        Session user = new Session(jdbi, Session.USER);
        user.append(Message.Role.USER, "(" + decided + ")", at);
        user.append(Message.Role.ASSISTANT, answer, at);
        String tag = "chat task " + task.id() + " " + at.toEpochMilli();
        journal.append(at, decided, tag + " decided");
        journal.append(at, "kairos: " + answer, tag + " kairos");
    }

    /** The answer a resumed chat gave, once it has given one (not while it is queued again). */
    Optional<String> answer(long taskId) {
        Optional<Task> task = tasks.find(taskId);
        if (task.isEmpty() || task.get().state() == Task.State.PENDING || task.get().state() == Task.State.RUNNING) {
            return Optional.empty();
        }
        List<Message> all = session(taskId).window(Integer.MAX_VALUE, Instant.EPOCH);
        return all.isEmpty() || all.getLast().role() != Message.Role.ASSISTANT ? Optional.empty()
                : Optional.of(text(all.getLast()));
    }

    private Session session(long taskId) {
        return new Session(jdbi, "task-" + taskId);
    }

    private static String title(String message) {
        String line = message.strip().replaceAll("\\s+", " ");
        return line.length() > 120 ? line.substring(0, 120) + "…" : line;
    }

    private static String text(Message m) {
        return m.content().stream().map(c -> c instanceof Content.Text t ? t.text() : "")
                .collect(Collectors.joining("\n"));
    }
}
