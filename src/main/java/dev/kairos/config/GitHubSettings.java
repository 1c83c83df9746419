package dev.kairos.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GitHub: the repositories followed from kairos.yaml (others are added with `kairos github subscribe`), whose text
 * counts as the user's, and the credentials, which come from the environment only.
 *
 * @param repos the repositories under {@code github.repos}
 * @param owners GitHub logins whose words are the user's (trusted); everyone else's are untrusted
 * @param handle the agent's handle on GitHub ("kairos-bot"): a comment that mentions it asks the agent
 * @param webhookSecret GITHUB_WEBHOOK_SECRET: without it, POST /hooks/github refuses every delivery
 * @param token GITHUB_TOKEN, a fine-grained token
 * @param apiUrl GITHUB_API_URL or {@code github.apiUrl}: GitHub Enterprise, or a loopback server in tests
 * @param pollEvery how often followed repositories are polled; zero: never (webhooks only)
 * @param app a GitHub App to act as instead of the token: {@code github.app} or GITHUB_APP_ID and
 *     GITHUB_APP_PRIVATE_KEY_FILE (the key stays in its file; only its path is configuration)
 * @param mentionsFrom logins besides the owners whose mention of {@code handle} gets a reply ({@code
 *     github.mentionsFrom}); their words stay untrusted, so the reply task is tainted
 */
public record GitHubSettings(List<Repo> repos, List<String> owners, Optional<String> handle,
        Optional<String> webhookSecret, Optional<String> token, URI apiUrl, Duration pollEvery, Optional<App> app,
        List<String> mentionsFrom) {
    public static final URI PUBLIC_API = URI.create("https://api.github.com");
    static final Pattern REPO = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}");

    /**
     * A repository followed: OWNER/NAME, where the user keeps a checkout of it (if anywhere), the command that runs
     * its tests (else a `kairos watch --test` of the checkout's), the branches whose failed checks Kairos fixes (empty:
     * the default branch) and what Kairos reacts to.
     */
    public record Repo(String name, Optional<Path> checkout, Optional<String> test, List<String> branches,
            Reactions reactions) {
        public Repo {
            branches = List.copyOf(branches);
        }

        /** With the default reactions, no test command of its own, the default branch watched. */
        public Repo(String name, Optional<Path> checkout) {
            this(name, checkout, Optional.empty(), List.of(), Reactions.DEFAULT);
        }
    }

    /**
     * What Kairos does on its own about a repository: a failed check on a watched branch becomes a fix (draft pull
     * request), a mention of {@code handle} by a permitted user a reply in the thread, a new or updated pull request
     * one summary comment (off unless asked for).
     */
    public record Reactions(boolean fix, boolean reply, boolean review) {
        public static final Reactions DEFAULT = new Reactions(true, true, false);
    }

    /**
     * A GitHub App: its id, the file holding its private key (PEM, as GitHub downloads it) and, optionally, the
     * installation to act in (without it, each repository's installation is looked up).
     */
    public record App(long id, Path privateKey, Optional<Long> installation) {}

    /** Without a GitHub App. */
    public GitHubSettings(List<Repo> repos, List<String> owners, Optional<String> handle,
            Optional<String> webhookSecret, Optional<String> token, URI apiUrl, Duration pollEvery) {
        this(repos, owners, handle, webhookSecret, token, apiUrl, pollEvery, Optional.empty());
    }

    /** Without logins besides the owners whose mentions are answered. */
    public GitHubSettings(List<Repo> repos, List<String> owners, Optional<String> handle,
            Optional<String> webhookSecret, Optional<String> token, URI apiUrl, Duration pollEvery, Optional<App> app) {
        this(repos, owners, handle, webhookSecret, token, apiUrl, pollEvery, app, List.of());
    }

    public GitHubSettings {
        repos = List.copyOf(repos);
        owners = List.copyOf(owners);
        mentionsFrom = List.copyOf(mentionsFrom);
    }

    /** OWNER/NAME as GitHub spells them; throws IllegalArgumentException saying what is allowed. */
    public static String repoName(String text) {
        String t = text.strip();
        if (t.startsWith("https://github.com/")) t = t.substring("https://github.com/".length());
        if (t.endsWith(".git")) t = t.substring(0, t.length() - 4);
        if (!REPO.matcher(t).matches() || t.endsWith("/.") || t.endsWith("/..")) {
            throw new IllegalArgumentException("'" + text + "' is not OWNER/REPO; use e.g. octocat/hello-world");
        }
        return t;
    }

    static GitHubSettings read(Section s, Map<String, String> env) {
        List<Repo> repos = s.sections("repos").stream().map(r -> {
            String name = r.parsed("repo", null, GitHubSettings::repoName);
            if (name == null) throw r.error("repo", "every github.repos entry needs repo: OWNER/REPO");
            Optional<Path> path = Optional.ofNullable(r.string("path", null)).map(ConfigReader::expandHome);
            Optional<String> test = nonBlank(r.string("test", null));
            List<String> branches = r.strings("branches");
            Reactions reactions = new Reactions(r.bool("fix", true), r.bool("reply", true), r.bool("review", false));
            r.finish();
            return new Repo(name, path, test, branches, reactions);
        }).toList();
        List<String> owners = s.strings("owners");
        List<String> mentionsFrom = s.strings("mentionsFrom");
        Optional<String> handle = Optional.ofNullable(s.string("handle", null)).map(h -> h.strip().replaceFirst("^@", ""));
        URI api = s.parsed("apiUrl", PUBLIC_API, GitHubSettings::apiUrl);
        Duration poll = s.duration("poll", Duration.ofMinutes(5), Duration.ZERO);
        Optional<App> app = app(s.section("app"), env);
        s.finish();
        String envApi = env.get("GITHUB_API_URL");
        if (envApi != null && !envApi.isBlank()) {
            try {
                api = apiUrl(envApi);
            } catch (IllegalArgumentException e) {
                throw new ConfigError("GITHUB_API_URL: " + e.getMessage());
            }
        }
        return new GitHubSettings(repos, owners, handle, nonBlank(env.get("GITHUB_WEBHOOK_SECRET")),
                nonBlank(env.get("GITHUB_TOKEN")), api, poll, app, mentionsFrom);
    }

    /** {@code github.app} (id, privateKey, installation), each overridden by its environment variable. */
    private static Optional<App> app(Section s, Map<String, String> env) {
        Long id = s.parsed("id", null, GitHubSettings::number);
        Path key = Optional.ofNullable(s.string("privateKey", null)).map(ConfigReader::expandHome).orElse(null);
        Long installation = s.parsed("installation", null, GitHubSettings::number);
        s.finish();
        try {
            id = nonBlank(env.get("GITHUB_APP_ID")).map(GitHubSettings::number).orElse(id);
            installation = nonBlank(env.get("GITHUB_APP_INSTALLATION_ID")).map(GitHubSettings::number)
                    .orElse(installation);
        } catch (IllegalArgumentException e) {
            throw new ConfigError("GITHUB_APP_ID / GITHUB_APP_INSTALLATION_ID: " + e.getMessage());
        }
        key = nonBlank(env.get("GITHUB_APP_PRIVATE_KEY_FILE")).map(ConfigReader::expandHome).orElse(key);
        if (id == null && key == null) return Optional.empty();
        if (id == null || key == null) {
            throw new ConfigError("github.app: a GitHub App needs both its id (github.app.id or GITHUB_APP_ID) and "
                    + "its private key file (github.app.privateKey or GITHUB_APP_PRIVATE_KEY_FILE)");
        }
        return Optional.of(new App(id, key, Optional.ofNullable(installation)));
    }

    private static long number(String text) {
        if (!text.strip().matches("\\d{1,18}")) throw new IllegalArgumentException("'" + text + "' is not a number");
        return Long.parseLong(text.strip());
    }

    static URI apiUrl(String text) {
        try {
            URI u = URI.create(text.strip().replaceAll("/+$", ""));
            if (u.getScheme() != null && u.getScheme().matches("https?") && u.getHost() != null) return u;
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw new IllegalArgumentException("'" + text + "' is not an http(s) URL; use e.g. https://api.github.com "
                + "or https://HOST/api/v3 for GitHub Enterprise");
    }

    static Optional<String> nonBlank(String v) {
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
    }

    /** Never the secrets: a Config may be printed. */
    @Override
    public String toString() {
        return "GitHubSettings[repos=" + repos + ", owners=" + owners + ", handle=" + handle + ", webhookSecret="
                + webhookSecret.map(x -> "(set)").orElse("(none)") + ", token=" + token.map(x -> "(set)").orElse("(none)")
                + ", apiUrl=" + apiUrl + ", pollEvery=" + pollEvery + ", app=" + app + ", mentionsFrom=" + mentionsFrom + "]";
    }
}
