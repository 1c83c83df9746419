package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * GitHub's example deliveries (octokit/webhooks, see SOURCE.md beside them), read where they lie: every file under
 * payload-examples/EVENT/, its X-GitHub-Event being the folder's name. Missing data fails the test, never skips it.
 */
final class Examples {
    static final Path DIR = Path.of("../shared/data/github-webhooks/payload-examples");

    record Example(String event, String name, byte[] body) {
        JsonNode json() {
            return Json.tree(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        }

        String repo() {
            return json().path("repository").path("full_name").asText("");
        }

        @Override
        public String toString() {
            return event + "/" + name;
        }
    }

    private Examples() {}

    static List<Example> all() {
        assertThat(DIR).as("GitHub's example deliveries (../shared/data/github-webhooks) must be there").isDirectory();
        try (Stream<Path> files = Files.walk(DIR)) {
            return files.filter(Files::isRegularFile).filter(f -> !f.getParent().equals(DIR)).sorted()
                    .map(Examples::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Example one(String event, String name) {
        return read(DIR.resolve(event).resolve(name));
    }

    /** Every repository the examples deliver for (twelve; most deliveries are for Codertocat/Hello-World). */
    static List<String> repos() {
        return all().stream().map(Example::repo).filter(r -> !r.isEmpty()).distinct().sorted().toList();
    }

    private static Example read(Path file) {
        try {
            return new Example(file.getParent().getFileName().toString(), file.getFileName().toString(),
                    Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
