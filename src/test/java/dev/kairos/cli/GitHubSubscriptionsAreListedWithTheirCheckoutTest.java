package dev.kairos.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.TestRepo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `kairos github subscribe` follows a repository once (again is no change, another --path changes the checkout),
 * `list` shows kairos.yaml's repositories and the subscribed ones with their checkouts, `unsubscribe` stops; every
 * mistake is one line saying what to give instead.
 */
class GitHubSubscriptionsAreListedWithTheirCheckoutTest {
    @TempDir Path home;
    @TempDir Path code;

    private CliRun kairos(String... args) {
        return CliRun.run(Map.of("KAIROS_HOME", home.toString()), InstantSource.system(), args);
    }

    @Test
    void subscribeListAndUnsubscribe() throws Exception {
        assertThat(kairos("init").exitCode()).isZero();
        Files.writeString(home.resolve("kairos.yaml"), """
                github:
                  repos:
                    - repo: octo-org/octo-repo
                  owners: [octocat]
                """);
        Path checkout;
        try (TestRepo repo = TestRepo.create(code.resolve("hello-world"))) {
            checkout = repo.dir().toRealPath();
        }

        CliRun added = kairos("github", "subscribe", "https://github.com/Codertocat/Hello-World.git", "--path",
                checkout.toString());
        CliRun again = kairos("github", "subscribe", "codertocat/hello-world");
        CliRun inConfig = kairos("github", "subscribe", "octo-org/octo-repo");

        assertThat(added.exitCode()).as(added.err()).isZero();
        assertThat(added.out()).startsWith("Following Codertocat/Hello-World (checkout " + checkout + ")")
                .contains("Set GITHUB_WEBHOOK_SECRET");
        assertThat(again.out()).startsWith("Already following Codertocat/Hello-World (checkout " + checkout + ")");
        assertThat(inConfig.out()).contains("from kairos.yaml");
        JsonNode list = Json.tree(kairos("github", "list", "--json").out());
        assertThat(list.path("repos")).hasSize(2);
        assertThat(list.path("repos").get(0).toString())
                .isEqualTo("{\"repo\":\"octo-org/octo-repo\",\"checkout\":null,\"from\":\"kairos.yaml\"}");
        assertThat(list.path("repos").get(1).path("repo").asText()).isEqualTo("Codertocat/Hello-World");
        assertThat(list.path("repos").get(1).path("checkout").asText()).isEqualTo(checkout.toString());
        assertThat(list.path("repos").get(1).path("from").asText()).isEqualTo("subscribed");
        assertThat(kairos("github", "list").out()).contains("Codertocat/Hello-World  (subscribed)  " + checkout);

        CliRun removed = kairos("github", "unsubscribe", "Codertocat/Hello-World");
        assertThat(removed.exitCode()).isZero();
        assertThat(removed.out()).contains("No longer following Codertocat/Hello-World");
        assertThat(Json.tree(kairos("github", "list", "--json").out()).path("repos")).hasSize(1);
    }

    @Test
    void mistakesAreOneLineEach() throws Exception {
        assertThat(kairos("init").exitCode()).isZero();
        Files.writeString(home.resolve("kairos.yaml"), "github:\n  repos:\n    - repo: octo-org/octo-repo\n");
        Path plain = Files.createDirectories(code.resolve("not-a-clone"));

        CliRun badName = kairos("github", "subscribe", "just-a-name");
        CliRun noFolder = kairos("github", "subscribe", "octocat/hello-world", "--path", code.resolve("nope").toString());
        CliRun notGit = kairos("github", "subscribe", "octocat/hello-world", "--path", plain.toString());
        CliRun notSubscribed = kairos("github", "unsubscribe", "octocat/hello-world");
        CliRun fromConfig = kairos("github", "unsubscribe", "octo-org/octo-repo");

        assertThat(badName.err()).isEqualTo("kairos: 'just-a-name' is not OWNER/REPO; use e.g. octocat/hello-world\n");
        assertThat(noFolder.err()).contains("no such folder");
        assertThat(notGit.err()).contains("not a git checkout");
        assertThat(notSubscribed.err()).contains("octocat/hello-world is not subscribed");
        assertThat(fromConfig.err()).contains("followed from kairos.yaml (github.repos): remove it there");
        for (CliRun r : new CliRun[] {badName, noFolder, notGit, notSubscribed, fromConfig}) {
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err().lines()).hasSize(1);
        }
        assertThat(Json.tree(kairos("github", "list", "--json").out()).path("repos")).hasSize(1);
    }
}
