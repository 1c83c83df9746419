package dev.kairos.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The scripted model of the day benchmark: it reads each request as a model would (the task or the user's words in
 * the last message, the result of the tool it called last) and answers as a careful assistant would, briefly. A
 * failing test: put right the change that broke it when the task shows it, else read the file (run the test first
 * when the task does not show its output) and fix it; then run the test again. A standing check: report from what
 * happened since it last ran when the task says, else search memory first.
 * "Please remember": noted in one answer where the remember tool says the user's words are kept already, else the
 * remember tool. Anything else: a short answer, from the memories given when there are some.
 */
final class DayScript implements Function<JsonNode, ScriptedReply> {
    static final String REMEMBER = "Please remember this: ";
    /** What the remember tool says of a chat: the user's words are in memory already, so noting them is done. */
    private static final String WORDS_KEPT = "The user's words in a chat are kept as they are said";
    /** How Kairos heads what happened since the check last ran (or in the last day, the first time). */
    private static final String SINCE = ", oldest first:\n";
    private static final String NOTHING_SINCE = "Nothing was observed ";
    private final WorkRepo repo;

    DayScript(WorkRepo repo) {
        this.repo = repo;
    }

    @Override
    public ScriptedReply apply(JsonNode request) {
        Prompt p = Prompt.of(request);
        if (p.said().contains("(fix): ")) return fix(p.lastResult(), p.said());
        if (p.said().contains("(check): ")) {
            Optional<String> since = since(p.said());
            if (since.isPresent()) { // what happened since the last check is in the task: nothing to search for
                return ScriptedReply.text("Since the last check: " + lines(since.get())
                        + " changes; nothing needs you.");
            }
            return p.lastResult().isEmpty()
                    ? ScriptedReply.call("", "memory_search", Map.of("query", "commits and test runs today", "limit", 8))
                    : ScriptedReply.text("Since the last check: " + lines(p.lastResult().get().content())
                            + " notes on the repository; nothing needs you.");
        }
        String said = p.said();
        if (said.startsWith(REMEMBER)) {
            if (told(request, "remember", WORDS_KEPT)) return ScriptedReply.text("Noted.");
            return p.lastResult().isEmpty()
                    ? ScriptedReply.call("", "remember", Map.of("text", said.substring(REMEMBER.length())))
                    : ScriptedReply.text("Noted.");
        }
        if (said.equalsIgnoreCase(GreetingBench.GREETING)) return ScriptedReply.text("Good morning! All quiet so far.");
        return ScriptedReply.text(p.firstMemory().map(m -> "From my notes: " + m).orElse("I have nothing on that."));
    }

    /** A careful developer: each step decided from the last tool result. */
    private ScriptedReply fix(Optional<Prompt.Result> last, String task) {
        Map<String, String> test = Map.of("command", repo.testCommand());
        if (last.isEmpty()) {
            if (task.lines().anyMatch(l -> l.startsWith("+") && l.contains(WorkRepo.BROKEN_LINE))) {
                // the change that failed is in the task: put it right
                return ScriptedReply.call("The change broke add; putting it back.", "edit_file", Map.of("path",
                        WorkRepo.CODE, "old", WorkRepo.BROKEN_LINE, "new", WorkRepo.GOOD_LINE));
            }
            return task.contains("\"outputTail\":\"FAIL")
                    ? ScriptedReply.call("Reading the code.", "read_file", Map.of("path", WorkRepo.CODE))
                    : ScriptedReply.call("Running the test first.", "run_command", test);
        }
        Prompt.Result r = last.get();
        return switch (r.tool()) {
            case "run_command" -> r.content().contains("exit code: 0")
                    ? ScriptedReply.text("Fixed " + WorkRepo.CODE + ": add adds again; the test passes.")
                    : ScriptedReply.call("Reading the code.", "read_file", Map.of("path", WorkRepo.CODE));
            case "read_file" -> r.content().contains(WorkRepo.BROKEN_LINE)
                    ? ScriptedReply.call("", "edit_file", Map.of("path", WorkRepo.CODE, "old", WorkRepo.BROKEN_LINE,
                            "new", WorkRepo.GOOD_LINE))
                    : ScriptedReply.text("The code does not hold what the failure suggests.");
            case "edit_file" -> r.isError() ? ScriptedReply.text("The edit failed: " + r.content())
                    : ScriptedReply.call("", "run_command", test);
            default -> ScriptedReply.text("Unexpected result from " + r.tool());
        };
    }

    /** Whether the request's {@code tool} says {@code what} in its description. */
    private static boolean told(JsonNode request, String tool, String what) {
        for (JsonNode t : request.path("tools")) {
            if (t.path("name").asText().equals(tool)) return t.path("description").asText().contains(what);
        }
        return false;
    }

    /** The lines of what happened since the check last ran, when the task gives them. */
    private static Optional<String> since(String said) {
        if (said.contains(NOTHING_SINCE)) return Optional.of("");
        int at = said.indexOf(SINCE);
        if (at < 0) return Optional.empty();
        return Optional.of(said.substring(at + SINCE.length()).lines()
                .filter(l -> l.startsWith("- ")).reduce("", (a, b) -> a + b + "\n"));
    }

    private static long lines(String text) {
        return text.lines().filter(l -> !l.isBlank()).count();
    }
}
