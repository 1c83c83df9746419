package dev.kairos.github;

import dev.kairos.config.GitHubSettings;
import java.io.IOException;
import java.time.InstantSource;
import java.util.Optional;

/** Who Kairos is on GitHub: a GitHub App, a token, or nobody (public repositories, 60 requests an hour). */
sealed interface Credentials permits Credentials.Token, Credentials.Anonymous, AppTokens {

    /** The Authorization header for a request about {@code repo} (OWNER/NAME); empty: send none. */
    Optional<String> authorization(String repo) throws IOException, InterruptedException;

    /** For logs and status: never the secret. */
    String describe();

    /** A GitHub App when one is configured (it is the more specific choice), else GITHUB_TOKEN, else nobody. */
    static Credentials of(GitHubSettings settings, RestApi api, InstantSource clock) {
        if (settings.app().isPresent()) return new AppTokens(settings.app().get(), api, clock);
        return settings.token().<Credentials>map(Token::new).orElseGet(Anonymous::new);
    }

    /** A fine-grained personal access token (GITHUB_TOKEN). */
    record Token(String value) implements Credentials {
        @Override
        public Optional<String> authorization(String repo) {
            return Optional.of("Bearer " + value);
        }

        @Override
        public String describe() {
            return "GITHUB_TOKEN";
        }

        @Override
        public String toString() {
            return "Token[(set)]";
        }
    }

    record Anonymous() implements Credentials {
        @Override
        public Optional<String> authorization(String repo) {
            return Optional.empty();
        }

        @Override
        public String describe() {
            return "no credentials (public repositories only; set GITHUB_TOKEN)";
        }
    }
}
