package dev.kairos.tool;

import dev.kairos.process.Result;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionStage;

/**
 * Where and how one task's tool calls run. Relative paths resolve against {@code root} (the task's worktree, or the
 * workspace); files may be read under {@code root} and the writable roots, and written only under the writable
 * roots. The memory, schedule, notification, channel and background parts enter as callbacks, so tools know none
 * of them.
 *
 * @param networkAllowed whether {@code run_command} may reach the network (the policy says, per call)
 * @param commandTimeout how long a command may run; with {@code background}, how long a call waits for it
 * @param resultTokens the most tokens one result may hold; longer results keep their head and tail
 * @param workspace Kairos's home, whose control files no tool writes ({@link ProtectedPaths})
 * @param background takes over a command still running when the call has waited {@code commandTimeout}
 * @param messageUser starts a thread with the user on their preferred channel ({@code message_user})
 */
public record ToolContext(Path root, List<Path> writableRoots, boolean networkAllowed, Duration commandTimeout,
        int resultTokens, InstantSource clock, Remember remember, Schedule schedule, Notify notifyUser, Reply reply,
        Recollection memory, Path workspace, Background background, MessageUser messageUser) {

    public static final int DEFAULT_RESULT_TOKENS = 2_000;
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(10);

    /** Notes a text in the journal; returns where it went, for the model ("noted in the journal of 2026-11-25"). */
    @FunctionalInterface
    public interface Remember {
        String remember(String text);
    }

    /**
     * Sets a reminder once {@code at} a time, or a recurring check {@code every} (HEARTBEAT.md wording such as
     * "weekdays at 09:00"); exactly one is present. Returns what was scheduled. Throws IllegalArgumentException,
     * with what is allowed, for a schedule it cannot read.
     */
    @FunctionalInterface
    public interface Schedule {
        String schedule(String text, Optional<Instant> at, Optional<String> every);
    }

    /** Tells the user, on their devices (the journal and the log until notifications land). */
    @FunctionalInterface
    public interface Notify {
        void send(String title, String text);
    }

    /**
     * Searches and reads memory (memory_search, memory_get). A result holding someone else's text is
     * {@linkplain ToolResult#tainted() tainted}, with that text fenced.
     */
    public interface Recollection {
        /** Items matching the query, each with its date, path and provenance. */
        ToolResult search(String query, int limit);

        /** Lines of a memory file, by path relative to the memory folder. */
        ToolResult get(String path, int fromLine, int lineCount);
    }

    /**
     * Takes over a command still running when its call has waited {@link #commandTimeout}: it goes on in the
     * background (same runner, same sandbox) until it ends or {@link #DEFAULT_COMMAND_TIMEOUT} kills it, and its end
     * comes back as an event. Returns the job's number; throws if it cannot take the command (the caller kills it).
     */
    @FunctionalInterface
    public interface Background {
        long takeOver(String command, Path cwd, CompletionStage<Result> end);
    }

    /** Starts a thread with the user on their preferred channel; says where, or why it will wait. */
    @FunctionalInterface
    public interface MessageUser {
        String message(String text);
    }

    /** Answers on the channel the session came from. */
    @FunctionalInterface
    public interface Reply {
        void reply(String text);
    }

    public ToolContext {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(workspace, "workspace");
        Objects.requireNonNull(background, "background");
        if (!root.isAbsolute()) throw new IllegalArgumentException("root must be absolute: " + root);
        writableRoots = List.copyOf(writableRoots);
        if (resultTokens < 100) throw new IllegalArgumentException("resultTokens must be at least 100");
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("commandTimeout must be positive");
        }
    }

    private static final Remember NO_REMEMBER = text -> unavailable("remember");
    private static final Schedule NO_SCHEDULE = (text, at, every) -> unavailable("schedule");
    private static final Notify NO_NOTIFY = (title, text) -> unavailable("notify_user");
    private static final Reply NO_REPLY = text -> unavailable("reply");
    private static final MessageUser NO_MESSAGE_USER = text -> unavailable("message_user");
    private static final Background NO_BACKGROUND = (command, cwd, end) -> unavailable("the background");

    /**
     * A context rooted at {@code root} (also taken for the workspace), writable there only, without network, with
     * the default time-out and cap; remember, memory, schedule, notify and reply fail with "not available" until set,
     * and a command that outlives its time-out is killed unless a {@link Background} is set.
     */
    public static ToolContext at(Path root, InstantSource clock) {
        return new ToolContext(root, List.of(root), false, DEFAULT_COMMAND_TIMEOUT, DEFAULT_RESULT_TOKENS, clock,
                NO_REMEMBER, NO_SCHEDULE, NO_NOTIFY, NO_REPLY, NO_MEMORY, root, NO_BACKGROUND, NO_MESSAGE_USER);
    }

    /** The tools whose callback this context lacks: a turn does not offer them, since they could only fail. */
    public Set<String> unavailableTools() {
        Set<String> out = new TreeSet<>();
        if (remember == NO_REMEMBER) out.add("remember");
        if (schedule == NO_SCHEDULE) out.add("schedule");
        if (notifyUser == NO_NOTIFY) out.add("notify_user");
        if (reply == NO_REPLY) out.add("reply");
        if (messageUser == NO_MESSAGE_USER) out.add("message_user");
        if (memory == NO_MEMORY) out.addAll(List.of("memory_search", "memory_get"));
        return out;
    }

    /** Whether a command that outlives {@link #commandTimeout} goes on in the background instead of being killed. */
    public boolean backgrounds() {
        return background != NO_BACKGROUND;
    }

    public ToolContext withBackground(Background b) {
        return new ToolContext(root, writableRoots, networkAllowed, commandTimeout, resultTokens, clock, remember,
                schedule, notifyUser, reply, memory, workspace, b, messageUser);
    }

    public ToolContext withWritableRoots(List<Path> roots) {
        return new ToolContext(root, roots, networkAllowed, commandTimeout, resultTokens, clock, remember, schedule,
                notifyUser, reply, memory, workspace, background, messageUser);
    }

    /** Kairos's home: its control files are never written, whatever the writable roots. */
    public ToolContext withWorkspace(Path home) {
        return new ToolContext(root, writableRoots, networkAllowed, commandTimeout, resultTokens, clock, remember,
                schedule, notifyUser, reply, memory, home, background, messageUser);
    }

    public ToolContext withNetwork(boolean allowed) {
        return new ToolContext(root, writableRoots, allowed, commandTimeout, resultTokens, clock, remember, schedule,
                notifyUser, reply, memory, workspace, background, messageUser);
    }

    public ToolContext withCommandTimeout(Duration timeout) {
        return new ToolContext(root, writableRoots, networkAllowed, timeout, resultTokens, clock, remember, schedule,
                notifyUser, reply, memory, workspace, background, messageUser);
    }

    public ToolContext withResultTokens(int tokens) {
        return new ToolContext(root, writableRoots, networkAllowed, commandTimeout, tokens, clock, remember, schedule,
                notifyUser, reply, memory, workspace, background, messageUser);
    }

    public ToolContext withRemember(Remember r) {
        return new ToolContext(root, writableRoots, networkAllowed, commandTimeout, resultTokens, clock, r, schedule,
                notifyUser, reply, memory, workspace, background, messageUser);
    }

    public ToolContext withSchedule(Schedule s) {
        return new ToolContext(root, writableRoots, networkAllowed, commandTimeout, resultTokens, clock, remember, s,
                notifyUser, reply, memory, workspace, background, messageUser);
    }

    public ToolContext withNotifyUser(Notify n) {
        return new ToolContext(root, writableRoots, networkAllowed, commandTimeout, resultTokens, clock, remember,
                schedule, n, reply, memory, workspace, background, messageUser);
    }

    public ToolContext withMessageUser(MessageUser m) {
        return new ToolContext(root, writableRoots, networkAllowed, commandTimeout, resultTokens, clock, remember,
                schedule, notifyUser, reply, memory, workspace, background, m);
    }

    public ToolContext withReply(Reply r) {
        return new ToolContext(root, writableRoots, networkAllowed, commandTimeout, resultTokens, clock, remember,
                schedule, notifyUser, r, memory, workspace, background, messageUser);
    }

    private static final Recollection NO_MEMORY = new Recollection() {
        @Override
        public ToolResult search(String query, int limit) {
            return unavailable("memory_search");
        }

        @Override
        public ToolResult get(String path, int fromLine, int lineCount) {
            return unavailable("memory_get");
        }
    };

    public ToolContext withMemory(Recollection m) {
        return new ToolContext(root, writableRoots, networkAllowed, commandTimeout, resultTokens, clock, remember,
                schedule, notifyUser, reply, m, workspace, background, messageUser);
    }

    private static <T> T unavailable(String tool) {
        throw new ToolFailure(tool + " is not available in this session");
    }
}
