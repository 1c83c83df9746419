package dev.kairos.sense;

import dev.kairos.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The test runs owed and done, durable in the store. A run is owed from the moment its commit is seen. When it
 * ends, its result replaces the debt in one transaction, so a crash at any point neither runs it again nor loses
 * it. A result is reported at every poll until the next poll after the one that reported it: by then its event is
 * in the inbox (a repeat after a crash is deduplicated there by its key) and the heads that poll saw are stored,
 * so the commit is not taken for new again. Until then a result keeps its commit from being owed again.
 */
final class TestRuns {
    private static final Logger log = LoggerFactory.getLogger(TestRuns.class);
    private static final String OWED = "test-pending:";
    private static final String DONE = "test-done:";
    private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}");

    private final SensorState state;
    /** Results the last poll reported; polling thread only. */
    private final List<String> reported = new ArrayList<>();

    TestRuns(SensorState state) {
        this.state = state;
    }

    /** The run's identity in the store and in {@link GitSensor}'s set of running ones. */
    static String key(Path repo, String sha) {
        return repo + "@" + sha;
    }

    /**
     * Records that {@code sha} is to be tested, unless its result is stored: a commit seen again after a crash
     * (the heads seen are committed only at the next poll) was tested already.
     */
    void owe(Path repo, String sha, String command) {
        state.putUnless(OWED + key(repo, sha), command, DONE + key(repo, sha));
    }

    /** The commits of {@code repo} whose tests are owed, with their test commands. */
    Map<String, String> owed(Path repo) {
        String prefix = OWED + key(repo, "");
        Map<String, String> owed = new TreeMap<>();
        state.withPrefix(prefix).forEach((k, command) -> {
            String sha = k.substring(prefix.length());
            if (SHA.matcher(sha).matches()) owed.put(sha, command);
        });
        return owed;
    }

    /** The run ended: its result is stored and its debt cleared, together. Safe from any thread. */
    void done(TestRun.Result r) {
        String payload = Json.write(Json.object().put("repo", r.repo().toString()).put("sha", r.sha())
                .put("command", r.command()).put("exitCode", r.exitCode()).put("timedOut", r.timedOut())
                .put("durationMs", r.durationMs()).put("outputTail", r.outputTail()));
        String key = key(r.repo(), r.sha());
        state.update(Map.of(DONE + key, payload), List.of(OWED + key));
    }

    /** Forgets the results that the previous poll reported: the caller has stored their events since. */
    void forgetReported() {
        if (reported.isEmpty()) return;
        state.update(Map.of(), reported);
        reported.clear();
    }

    /** The results to report now. */
    List<TestRun.Result> toReport() {
        List<TestRun.Result> results = new ArrayList<>();
        state.withPrefix(DONE).forEach((key, json) -> {
            reported.add(key);
            try {
                JsonNode n = Json.tree(json);
                results.add(new TestRun.Result(Path.of(n.get("repo").asText()), n.get("sha").asText(),
                        n.get("command").asText(), n.get("exitCode").asInt(), n.get("timedOut").asBoolean(),
                        n.get("durationMs").asLong(), n.get("outputTail").asText()));
            } catch (IllegalStateException | NullPointerException e) {
                log.warn("dropping an unreadable test result key={} reason={}", key, e.getMessage());
            }
        });
        return results;
    }
}
