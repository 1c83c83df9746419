package dev.kairos.github;

import dev.kairos.config.GitHubSettings;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import org.kohsuke.github.GitHub;
import org.kohsuke.github.GitHubAbuseLimitHandler;
import org.kohsuke.github.GitHubBuilder;
import org.kohsuke.github.GitHubRateLimitHandler;
import org.kohsuke.github.authorization.AuthorizationProvider;
import org.kohsuke.github.extras.HttpClientGitHubConnector;

/**
 * The way to one GitHub API (GITHUB_API_URL: github.com, an Enterprise server, a test's loopback server) with one
 * identity (a GitHub App, GITHUB_TOKEN, or nobody). Polling reads through {@link RestApi}; writes (comments, pull
 * requests) use the hub4j client from {@link #client}, which asks for credentials on every request, so an App's
 * installation token renewed in between is picked up.
 */
public final class GitHubAccess implements AutoCloseable {
    private final RestApi api;
    private final Credentials credentials;

    GitHubAccess(RestApi api, Credentials credentials) {
        this.api = api;
        this.credentials = credentials;
    }

    /** For {@code settings.apiUrl()} with the App or token of {@code settings}; tokens expire on {@code clock}. */
    public static GitHubAccess of(GitHubSettings settings, InstantSource clock) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        RestApi api = new RestApi(settings.apiUrl(), http);
        return new GitHubAccess(api, Credentials.of(settings, api, clock));
    }

    /**
     * A hub4j client for writes about {@code repo} (OWNER/NAME). It fails rather than sleeps on a rate limit, so the
     * caller (the outbox) decides when to try again.
     */
    public GitHub client(String repo) throws IOException {
        AuthorizationProvider auth = () -> {
            try {
                return credentials.authorization(repo).orElse(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while getting GitHub credentials");
            }
        };
        return new GitHubBuilder().withEndpoint(api.base().toString())
                .withAuthorizationProvider(auth)
                .withConnector(new HttpClientGitHubConnector(api.http()))
                .withRateLimitHandler(GitHubRateLimitHandler.FAIL)
                .withAbuseLimitHandler(GitHubAbuseLimitHandler.FAIL)
                .build();
    }

    /** What identity requests carry, for logs and status (never the secret). */
    public String identity() {
        return credentials.describe();
    }

    public URI apiUrl() {
        return api.base();
    }

    /** Ends the HTTP client's connections; clients from {@link #client} stop working too. */
    @Override
    public void close() {
        api.http().shutdownNow();
    }

    /** A GET about {@code repo}, conditional on {@code etag}. */
    Answer get(String repo, String path, Optional<String> etag) throws IOException, InterruptedException {
        return api.get(path, credentials.authorization(repo), etag);
    }
}
