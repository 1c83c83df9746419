package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.config.GitHubSettings;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.json.Json;
import dev.kairos.testkit.SettableClock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A comment is the user's (trusted) only when its author is a configured owner; anyone else's is untrusted, and
 * neither's words reach the summary. Checks are trusted whoever ran them; a push holding a stranger's commit is not.
 */
class WordsAreTrustedOnlyFromOwnersTest {
    private static final List<GitHubSettings.Repo> HELLO_WORLD =
            List.of(new GitHubSettings.Repo("codertocat/hello-world", Optional.empty())); // case is GitHub's to ignore
    private static final SettableClock CLOCK = SettableClock.at("2026-11-25T09:00:00Z");

    private static Event normalise(List<String> owners, Examples.Example e) {
        return new Normaliser(() -> HELLO_WORLD, owners, CLOCK).apply(new Delivery(e.event(), e.json())).orElseThrow();
    }

    @Test
    void aCommentBySomeoneElseIsUntrusted() {
        Event e = normalise(List.of("octocat"), Examples.one("issue_comment", "created.payload.json"));

        assertThat(e.trust()).isEqualTo(Trust.UNTRUSTED);
        assertThat(e.summary()).isEqualTo("Codertocat commented on issue #1 in Codertocat/Hello-World");
        assertThat(Json.tree(e.payload()).path("text").asText()).isEqualTo("You are totally right! I'll get this fixed right away.");
        assertThat(Json.tree(e.payload()).path("author").asText()).isEqualTo("Codertocat");
    }

    @Test
    void aCommentByAnOwnerIsTrusted() {
        Event e = normalise(List.of("octocat", "CODERTOCAT"), Examples.one("issue_comment", "created.payload.json"));

        assertThat(e.trust()).isEqualTo(Trust.TRUSTED);
        assertThat(e.summary()).doesNotContain("totally right");
    }

    @Test
    void checksAreTrustedWithoutOwnersAndSummarisedFromTheirFields() {
        Event e = normalise(List.of(), Examples.one("check_run", "completed.payload.json"));

        assertThat(e.trust()).isEqualTo(Trust.TRUSTED);
        assertThat(e.summary()).isEqualTo("check 'Octocoders-linter' passed on changes at ec26c3e in Codertocat/Hello-World");
        assertThat(e.observedAt()).isEqualTo(CLOCK.instant());
    }

    @Test
    void aPushByAnOwnerOfAStrangersCommitIsUntrusted() {
        ObjectNode push = (ObjectNode) Examples.one("push", "with-new-branch.payload.json").json();
        String committer = push.path("commits").get(0).path("author").path("username").asText();
        assertThat(committer).isEqualTo("Codertocat");
        Examples.Example same = new Examples.Example("push", "x", Json.write(push).getBytes());

        assertThat(normalise(List.of("codertocat"), same).trust()).isEqualTo(Trust.TRUSTED);
        ((ObjectNode) push.path("commits").get(0).path("author")).put("username", "stranger");
        Examples.Example strangers = new Examples.Example("push", "x", Json.write(push).getBytes());
        assertThat(normalise(List.of("codertocat"), strangers).trust()).isEqualTo(Trust.UNTRUSTED);
    }

    @Test
    void anUnfollowedRepositoryGivesNoEvent() {
        Normaliser none = new Normaliser(List::of, List.of(), CLOCK);
        Examples.Example comment = Examples.one("issue_comment", "created.payload.json");

        assertThat(none.apply(new Delivery(comment.event(), comment.json()))).isEmpty();
        assertThat(none.normalise(new Delivery(comment.event(), comment.json())).ignoredBecause())
                .isEqualTo("repository Codertocat/Hello-World is not followed");
    }
}
