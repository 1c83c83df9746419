package dev.kairos.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kairos.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The GitHub REST API on 127.0.0.1, in GitHub's real shapes, for what Kairos uses: a repository, the commits of a
 * branch, pull requests (list, by head, get, create: 422 for a second open one from the same head), issues and
 * their comments (list, since, create), check runs of a ref, workflow runs, and a GitHub App's installation tokens.
 * Like GitHub it answers a GET with an ETag and an unchanged resource asked with {@code If-None-Match} with a 304
 * that costs no rate limit; it sends {@code X-RateLimit-*} (and {@code X-Poll-Interval} when set) and can refuse
 * with 403/429 and {@code Retry-After}. Time is the given clock. Every request is recorded.
 *
 * <pre>{@code
 * try (var github = FakeGitHub.start(clock)) {
 *     FakeGitHubRepo repo = github.repo("octo/app");
 *     repo.checkRun(repo.commit("break the build"), "build", "failure");
 *     // point GITHUB_API_URL at github.apiUrl()
 * }
 * }</pre>
 */
public final class FakeGitHub implements AutoCloseable {
    private final HttpServer http;
    private final ExecutorService executor;
    private final InstantSource clock;
    private final Map<String, FakeGitHubRepo> repos = new LinkedHashMap<>();
    private final List<GitHubRequest> recorded = new CopyOnWriteArrayList<>();
    private long nextId = 1000;
    private int limit = 5000;
    private int remaining = 5000;
    private Instant reset;
    private Duration pollInterval;
    private int refusalStatus;
    private Instant refusedUntil = Instant.MIN;
    private Set<String> tokens = Set.of();
    private FakeGitHubApp app;
    private Set<String> forbidden = Set.of();
    private boolean rateLimitHeaders = true;
    private final List<String> failures = new java.util.ArrayList<>(); // "METHOD /path status", each used once

    private FakeGitHub(HttpServer http, ExecutorService executor, InstantSource clock) {
        this.http = http;
        this.executor = executor;
        this.clock = clock;
        this.reset = clock.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    }

    public static FakeGitHub start(InstantSource clock) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
            http.setExecutor(executor);
            FakeGitHub fake = new FakeGitHub(http, executor, clock);
            http.createContext("/", fake::handle);
            http.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the fake GitHub on 127.0.0.1", e);
        }
    }

    /** {@code http://127.0.0.1:PORT}: the value for GITHUB_API_URL. */
    public String apiUrl() {
        return "http://127.0.0.1:" + http.getAddress().getPort();
    }

    /** The repository OWNER/NAME, made on first use with one commit on {@code main}. */
    public synchronized FakeGitHubRepo repo(String fullName) {
        FakeGitHubRepo r = repos.get(fullName);
        if (r == null) {
            r = new FakeGitHubRepo(this, fullName);
            repos.put(fullName, r);
            r.commit("initial commit");
        }
        return r;
    }

    /** Every request answered so far, oldest first. */
    public List<GitHubRequest> requests() {
        return List.copyOf(recorded);
    }

    /** The requests whose path starts with {@code prefix}. */
    public List<GitHubRequest> requests(String prefix) {
        return recorded.stream().filter(r -> r.path().startsWith(prefix)).toList();
    }

    /** Sends {@code X-Poll-Interval} with every answer from now on (null: none). */
    public synchronized void pollInterval(Duration interval) {
        this.pollInterval = interval;
    }

    /** The primary rate limit: {@code remaining} of {@code limit} requests until {@code reset}. */
    public synchronized void rateLimit(int limit, int remaining, Instant reset) {
        this.limit = limit;
        this.remaining = remaining;
        this.reset = reset.truncatedTo(ChronoUnit.SECONDS);
    }

    /** No X-RateLimit-* headers from now on, as from a GitHub Enterprise server with rate limiting off. */
    public synchronized void withoutRateLimitHeaders() {
        this.rateLimitHeaders = false;
    }

    public synchronized int rateRemaining() {
        return remaining;
    }

    /**
     * The next {@code method} request to exactly {@code path} ("/repos/octo/app/pulls") is answered {@code status}
     * (a 502: GitHub's front end failing) without reaching the route; the ones after it are answered as usual.
     */
    public synchronized void failNext(String method, String path, int status) {
        failures.add(method + " " + path + " " + status);
    }

    /** A secondary rate limit: every request until {@code until} is refused with {@code status} and Retry-After. */
    public synchronized void refuseUntil(int status, Instant until) {
        this.refusalStatus = status;
        this.refusedUntil = until;
    }

    /** From now on only these tokens (and the App's live installation tokens) are let in. */
    public synchronized void acceptTokens(String... accepted) {
        this.tokens = Set.of(accepted);
    }

    /**
     * Paths containing one of {@code parts} (e.g. "/actions/") answer 403 "Resource not accessible by personal
     * access token", as GitHub does for a fine-grained token without that permission.
     */
    public synchronized void forbid(String... parts) {
        this.forbidden = Set.of(parts);
    }

    /** A GitHub App installed on every repository; its JWTs must verify with {@code key}. */
    public synchronized void installApp(long appId, PublicKey key, long installationId) {
        this.app = new FakeGitHubApp(appId, key, installationId);
    }

    /** The JWTs the App's endpoints were shown, oldest first. */
    public synchronized List<String> jwts() {
        return app == null ? List.of() : List.copyOf(app.jwts);
    }

    /**
     * The claims of {@code jwt} when {@code key} verifies its RS256 signature; IllegalArgumentException otherwise.
     */
    public static JsonNode jwtClaims(String jwt, PublicKey key) {
        return FakeGitHubApp.claims(jwt, key);
    }

    /** The installation tokens issued, with their expiry, oldest first. */
    public synchronized Map<String, Instant> installationTokens() {
        return app == null ? Map.of() : Map.copyOf(app.tokens);
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }

    synchronized long nextId() {
        return nextId++;
    }

    String api() {
        return apiUrl();
    }

    /** Now on the fake's clock, in GitHub's format (whole seconds, UTC). */
    String now() {
        return clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    JsonNode user(String login) {
        return Json.object().put("login", login).put("id", Math.abs((long) login.hashCode()) % 100_000_000)
                .put("node_id", "U_" + login).put("type", login.equals("github") ? "Organization" : "User")
                .put("site_admin", false).put("html_url", "https://github.com/" + login)
                .put("url", apiUrl() + "/users/" + login);
    }

    String sha(String seed) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(seed.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = raw.length == 0 ? MissingNode.getInstance() : Json.tree(new String(raw, StandardCharsets.UTF_8));
            String method = exchange.getRequestMethod();
            List<String> path = Arrays.stream(exchange.getRequestURI().getRawPath().split("/")).filter(s -> !s.isEmpty())
                    .map(s -> URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8)).toList();
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            FakeGitHubRoutes.Response response;
            String etag = null;
            synchronized (this) {
                response = answer(method, path, query, body, exchange.getRequestHeaders().getFirst("Authorization"));
                if (response.status() == 200 && method.equals("GET")) {
                    etag = "W/\"" + sha(Json.write(response.body())) + "\"";
                    if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                        response = new FakeGitHubRoutes.Response(304, MissingNode.getInstance());
                    }
                }
                boolean refused = clock.instant().isBefore(refusedUntil);
                if (!refused && response.status() != 304 && response.status() != 401 && remaining > 0) remaining--;
                headers(exchange, etag, response.status());
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            recorded.add(new GitHubRequest(method, "/" + String.join("/", path), query, headers, body,
                    response.status()));
            byte[] out = response.status() == 304 ? new byte[0] : Json.write(response.body()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(response.status(), out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
                try (OutputStream os = exchange.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    /** Under the lock: refusals and auth first, as GitHub checks them, then the route. */
    private FakeGitHubRoutes.Response answer(String method, List<String> path, Map<String, String> query, JsonNode body,
            String authorization) {
        Instant now = clock.instant();
        if (!now.isBefore(reset)) {
            remaining = limit;
            reset = now.plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        }
        String here = method + " /" + String.join("/", path) + " ";
        for (String f : failures) {
            if (f.startsWith(here)) {
                failures.remove(f);
                return new FakeGitHubRoutes.Response(Integer.parseInt(f.substring(here.length())),
                        FakeGitHubRoutes.message("Server Error"));
            }
        }
        if (now.isBefore(refusedUntil)) {
            return new FakeGitHubRoutes.Response(refusalStatus, FakeGitHubRoutes.message(
                    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again."));
        }
        boolean appRoute = path.size() > 0 && path.get(0).equals("app")
                || path.size() == 4 && path.get(0).equals("repos") && path.get(3).equals("installation");
        String credential = authorization == null ? null : authorization.replaceFirst("^(?i)(bearer|token) ", "");
        if (appRoute) {
            if (app == null) return FakeGitHubRoutes.notFound();
            if (credential == null) return unauthorized("A JSON web token could not be decoded");
            app.jwts.add(credential);
            var refusal = app.refusal(credential, now);
            if (refusal.isPresent()) return unauthorized(refusal.get());
        } else if ((!tokens.isEmpty() || app != null)
                && (credential == null || !tokens.contains(credential) && !app(credential, now))) {
            return unauthorized("Bad credentials");
        }
        if (remaining == 0) {
            return new FakeGitHubRoutes.Response(403, FakeGitHubRoutes.message("API rate limit exceeded for user ID 1."));
        }
        String joined = "/" + String.join("/", path) + "/";
        if (forbidden.stream().anyMatch(joined::contains)) {
            return new FakeGitHubRoutes.Response(403, FakeGitHubRoutes.message(
                    "Resource not accessible by personal access token"));
        }
        if (path.size() >= 3 && path.get(0).equals("app") && path.get(1).equals("installations")) {
            return accessToken(path, now);
        }
        if (path.size() < 3 || !path.get(0).equals("repos")) return FakeGitHubRoutes.notFound();
        FakeGitHubRepo repo = repos.get(path.get(1) + "/" + path.get(2));
        if (repo == null) return FakeGitHubRoutes.notFound();
        if (appRoute) {
            JsonNode installation = Json.object().put("id", app.installation).put("app_id", app.appId)
                    .set("account", user(repo.owner));
            return new FakeGitHubRoutes.Response(200, installation);
        }
        return FakeGitHubRoutes.answer(repo, method, path.subList(3, path.size()), query, body);
    }

    private boolean app(String credential, Instant now) {
        return app != null && app.live(credential, now);
    }

    private FakeGitHubRoutes.Response accessToken(List<String> path, Instant now) {
        if (path.size() != 4 || !path.get(3).equals("access_tokens") || !path.get(2).equals(Long.toString(app.installation))) {
            return FakeGitHubRoutes.notFound();
        }
        String token = "ghs_" + sha("token" + nextId()).substring(0, 36);
        Instant expires = now.plus(FakeGitHubApp.TOKEN_LIFETIME).truncatedTo(ChronoUnit.SECONDS);
        app.tokens.put(token, expires);
        return new FakeGitHubRoutes.Response(201, Json.object().put("token", token).put("expires_at", expires.toString())
                .put("repository_selection", "all"));
    }

    private static FakeGitHubRoutes.Response unauthorized(String message) {
        return new FakeGitHubRoutes.Response(401, FakeGitHubRoutes.message(message));
    }

    private void headers(HttpExchange exchange, String etag, int status) {
        var h = exchange.getResponseHeaders();
        h.set("Content-Type", "application/json; charset=utf-8");
        h.set("X-GitHub-Request-Id", "FAKE:" + nextId());
        if (rateLimitHeaders) {
            h.set("X-RateLimit-Limit", Integer.toString(limit));
            h.set("X-RateLimit-Remaining", Integer.toString(remaining));
            h.set("X-RateLimit-Used", Integer.toString(limit - remaining));
            h.set("X-RateLimit-Reset", Long.toString(reset.getEpochSecond()));
            h.set("X-RateLimit-Resource", "core");
        }
        if (etag != null) h.set("ETag", etag);
        if (pollInterval != null) h.set("X-Poll-Interval", Long.toString(pollInterval.toSeconds()));
        if (clock.instant().isBefore(refusedUntil) && (status == 403 || status == 429)) {
            long seconds = (Duration.between(clock.instant(), refusedUntil).toMillis() + 999) / 1000;
            h.set("Retry-After", Long.toString(seconds));
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return q;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            q.putIfAbsent(key, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }
}
