package dev.kairos.github;

import dev.kairos.config.GitHubSettings;
import dev.kairos.json.Json;
import java.io.IOException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Acting as a GitHub App: finds the installation that covers a repository (unless one is configured), exchanges a
 * signed {@link AppJwt} for that installation's token and keeps it until ten minutes before its hour runs out, on
 * the clock it is given. The private key is read on first use, so a missing file is a logged problem, not a failed
 * start.
 */
final class AppTokens implements Credentials {
    static final Duration RENEW_BEFORE = Duration.ofMinutes(10);
    private final GitHubSettings.App app;
    private final RestApi api;
    private final InstantSource clock;
    private final Map<String, Long> installations = new HashMap<>();
    private final Map<Long, Issued> tokens = new HashMap<>();
    private PrivateKey key;

    private record Issued(String token, Instant expiresAt) {}

    AppTokens(GitHubSettings.App app, RestApi api, InstantSource clock) {
        this.app = app;
        this.api = api;
        this.clock = clock;
    }

    @Override
    public synchronized Optional<String> authorization(String repo) throws IOException, InterruptedException {
        long installation = installation(repo);
        Issued issued = tokens.get(installation);
        if (issued == null || !clock.instant().isBefore(issued.expiresAt().minus(RENEW_BEFORE))) {
            issued = issue(installation);
            tokens.put(installation, issued);
        }
        return Optional.of("Bearer " + issued.token());
    }

    @Override
    public String describe() {
        return "GitHub App " + app.id();
    }

    private long installation(String repo) throws IOException, InterruptedException {
        if (app.installation().isPresent()) return app.installation().get();
        Long known = installations.get(repo);
        if (known != null) return known;
        Answer a = api.get("/repos/" + repo + "/installation", Optional.of(jwt()), Optional.empty());
        if (a.status() == 404) {
            throw new IOException(describe() + " is not installed on " + repo + ": install it on the repository "
                    + "(the App's page, Install App), or set github.app.installation");
        }
        long id = a.body().path("id").asLong(0);
        if (!a.ok() || id <= 0) throw failure("find the installation for " + repo, a);
        installations.put(repo, id);
        return id;
    }

    private Issued issue(long installation) throws IOException, InterruptedException {
        Answer a = api.post("/app/installations/" + installation + "/access_tokens", Optional.of(jwt()), Json.object());
        String token = a.body().path("token").asText("");
        if (!a.ok() || token.isBlank()) throw failure("get a token for installation " + installation, a);
        try {
            return new Issued(token, Instant.parse(a.body().path("expires_at").asText()));
        } catch (DateTimeParseException e) {
            return new Issued(token, clock.instant().plus(Duration.ofHours(1))); // GitHub's documented lifetime
        }
    }

    private String jwt() throws IOException {
        if (key == null) key = PemKey.read(app.privateKey());
        return "Bearer " + AppJwt.sign(app.id(), key, clock.instant());
    }

    private IOException failure(String what, Answer a) {
        String hint = a.status() == 401 ? " (is github.app.privateKey the key of App " + app.id() + "?)" : "";
        return new IOException(describe() + ": cannot " + what + ": " + a.status() + " " + a.message() + hint);
    }
}
