package dev.kairos.github;

import dev.kairos.config.GitHubSettings;
import dev.kairos.process.Git;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * What git needs to reach a checkout's remote: nothing for a local path or ssh (the user's own keys); for an https
 * remote on the GitHub host, GITHUB_TOKEN as an Authorization header passed in git's environment as GIT_CONFIG_*
 * settings, so the token is never on a command line, in a remote URL or in a log.
 */
public final class RemoteCredentials implements Function<Path, Map<String, String>> {
    private final Git git;
    private final Optional<String> token;
    private final String host;

    public RemoteCredentials(Git git, GitHubSettings settings) {
        this.git = git;
        this.token = settings.token();
        String api = settings.apiUrl().getHost();
        this.host = api.equals("api.github.com") ? "github.com" : api;
    }

    @Override
    public Map<String, String> apply(Path checkout) {
        if (token.isEmpty()) return Map.of();
        String url = git.run(checkout, Duration.ofSeconds(30), "remote", "get-url", "origin").text().strip();
        String prefix = "https://" + host + "/";
        if (!url.startsWith(prefix)) return Map.of();
        String basic = Base64.getEncoder().encodeToString(("x-access-token:" + token.get())
                .getBytes(StandardCharsets.UTF_8));
        return Map.of("GIT_CONFIG_COUNT", "1", "GIT_CONFIG_KEY_0", "http." + prefix + ".extraheader",
                "GIT_CONFIG_VALUE_0", "AUTHORIZATION: basic " + basic);
    }
}
