package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every one of GitHub's example deliveries, signed, is taken: the ten followed kinds become one inbox event under
 * the change key GITHUB-EVENTS.md defines (worked out here again, independently), with its payload fields; ping is
 * answered; every other kind is accepted and ignored, leaving the inbox as it was.
 */
class EveryExampleDeliveryIsNormalisedOrIgnoredTest {
    private static final Set<String> FROM_STRUCTURED_FIELDS = Set.of("check_run", "check_suite", "workflow_run", "status");

    @TempDir static Path dir;
    static Intake intake;

    @BeforeAll
    static void open() {
        intake = Intake.following(dir, Examples.repos());
    }

    static List<Examples.Example> examples() {
        return Examples.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void signedExampleIsTakenAsTheContractSays(Examples.Example example) {
        int before = intake.events();
        GitHubWebhooks.Answer answer = intake.post(example, UUID.randomUUID().toString());

        if (example.event().equals("ping")) {
            assertThat(answer.status()).isEqualTo(200);
            assertThat(intake.events()).isEqualTo(before);
            return;
        }
        if (!Normaliser.kinds().contains(example.event())) {
            assertThat(answer.status()).as(answer.message()).isEqualTo(202);
            assertThat(answer.message()).startsWith("ignored: ");
            assertThat(intake.events()).isEqualTo(before);
            return;
        }
        // several examples are the same change (a variant with an organization): the second is answered 200
        assertThat(answer.status()).as(answer.message()).isIn(200, 202);
        JsonNode p = example.json();
        List<Event> stored = intake.withKey(keyByTheContract(example.event(), p));
        assertThat(stored).hasSize(1);
        Event e = stored.getFirst();
        assertThat(e.source()).isEqualTo("github");
        assertThat(e.kind()).isEqualTo("github." + example.event());
        if (answer.status() == 200) return; // the payload is the first example's of this change
        assertThat(answer.stored().map(Event::id)).contains(e.id());

        JsonNode payload = Json.tree(e.payload());
        assertThat(payload.path("repository").asText()).isEqualTo(example.repo());
        assertThat(payload.path("event").asText()).isEqualTo(example.event());
        assertThat(payload.path("defaultBranch").asText()).isEqualTo(p.path("repository").path("default_branch").asText());
        assertThat(payload.has("action") && payload.has("sha") && payload.has("branch") && payload.has("number")
                && payload.has("author") && payload.has("url") && payload.has("name") && payload.has("conclusion")
                && payload.has("text")).as(e.payload()).isTrue();

        assertThat(e.summary()).doesNotContain("\n").hasSizeLessThan(300).contains(example.repo());
        String text = payload.path("text").asText("");
        if (text.length() > 12) assertThat(e.summary()).doesNotContain(text.strip().lines().findFirst().orElseThrow());
        // nobody is an owner here: only what Kairos composes from structured fields is trusted
        assertThat(e.trust()).isEqualTo(FROM_STRUCTURED_FIELDS.contains(example.event()) ? Trust.TRUSTED : Trust.UNTRUSTED);
    }

    /** GITHUB-EVENTS.md's change keys; a field the delivery has as null counts as empty. */
    static String keyByTheContract(String event, JsonNode p) {
        String repo = t(p, "repository.full_name");
        String action = t(p, "action");
        return switch (event) {
            case "push" -> "push:" + repo + ":" + t(p, "ref") + ":" + t(p, "after");
            case "check_run" -> "check_run:" + repo + ":" + t(p, "check_run.id") + ":" + t(p, "check_run.status") + ":"
                    + t(p, "check_run.conclusion");
            case "check_suite" -> "check_suite:" + repo + ":" + t(p, "check_suite.id") + ":"
                    + t(p, "check_suite.status") + ":" + t(p, "check_suite.conclusion");
            case "workflow_run" -> "workflow_run:" + repo + ":" + t(p, "workflow_run.id") + ":"
                    + t(p, "workflow_run.run_attempt") + ":" + t(p, "workflow_run.status") + ":"
                    + t(p, "workflow_run.conclusion");
            case "status" -> "status:" + repo + ":" + t(p, "sha") + ":" + t(p, "context") + ":" + t(p, "state");
            case "pull_request" -> "pull_request:" + repo + ":" + t(p, "number") + ":"
                    + (Set.of("opened", "reopened", "synchronize").contains(action)
                            ? "head:" + t(p, "pull_request.head.sha") : action + ":" + t(p, "pull_request.updated_at"));
            case "issue_comment" -> "issue_comment:" + repo + ":" + t(p, "comment.id") + ":" + action
                    + (action.equals("edited") ? ":" + t(p, "comment.updated_at") : "");
            case "pull_request_review_comment" -> "review_comment:" + repo + ":" + t(p, "comment.id") + ":" + action
                    + (action.equals("edited") ? ":" + t(p, "comment.updated_at") : "");
            case "pull_request_review" -> "review:" + repo + ":" + t(p, "review.id") + ":" + action;
            case "issues" -> "issues:" + repo + ":" + t(p, "issue.number") + ":" + action + ":"
                    + t(p, "issue.updated_at");
            default -> throw new AssertionError("no key for " + event);
        };
    }

    private static String t(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) n = n.path(part);
        return n.isNull() || n.isMissingNode() ? "" : n.asText();
    }
}
