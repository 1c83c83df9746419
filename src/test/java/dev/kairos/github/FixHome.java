package dev.kairos.github;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.Kairos;
import dev.kairos.config.ConfigReader;
import dev.kairos.json.Json;
import dev.kairos.testkit.FakeGitHub;
import dev.kairos.testkit.FakeGitHubRepo;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.RawHttp;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import dev.kairos.web.GitHubHook;
import dev.kairos.web.WebServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A user's repository on a loopback GitHub: a bare git repository as its remote ({@code origin}), the user's checkout
 * of it (subscribed with its test command), a colleague's clone that pushes, a scripted model, and Kairos on a
 * Kairos home taking deliveries through the real webhook route, signed.
 */
final class FixHome implements AutoCloseable {
    static final String SECRET = "fix-flow-webhook-secret";
    static final String REPO = "octo/app";
    static final String TEST = "bash test.sh";
    static final String GOOD = "add() { echo $(( $1 + $2 )); }\n";
    static final String BROKEN = "add() { echo $(( $1 - $2 )); }\n";
    static final String TEST_SH = """
            source ./calc.sh
            got=$(add 2 3)
            if [ "$got" != 5 ]; then echo "FAIL: add 2 3 gave $got, expected 5"; exit 1; fi
            echo "PASS: add 2 3 is 5"
            """;

    final Path tmp;
    final Path bare;
    final Path checkout;
    final Path colleague;
    final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");
    final FakeModelServer model = FakeModelServer.start();
    final FakeGitHub github = FakeGitHub.start(clock);
    final FakeGitHubRepo repo;
    final Map<String, String> env;
    Kairos kairos;
    private WebServer web;
    private int deliveries;

    FixHome(Path tmp) throws Exception {
        this(tmp, "");
    }

    /** With {@code settings}, more keys of the repository's entry under github.repos ("review: true"), one a line. */
    FixHome(Path tmp, String settings) throws Exception {
        this.tmp = tmp;
        bare = tmp.resolve("remote.git");
        checkout = tmp.resolve("app");
        colleague = tmp.resolve("colleague");
        git(tmp, "init", "-q", "--bare", "-b", "main", bare.toString());
        git(tmp, "init", "-q", "-b", "main", checkout.toString());
        Files.writeString(checkout.resolve("calc.sh"), GOOD);
        Files.writeString(checkout.resolve("test.sh"), TEST_SH);
        commitAll(checkout, "Add calc");
        git(checkout, "remote", "add", "origin", bare.toString());
        git(checkout, "push", "-q", "origin", "main");
        git(tmp, "clone", "-q", bare.toString(), colleague.toString());
        repo = github.repo(REPO).headsFrom(bare);
        Path home = tmp.resolve("home");
        env = ScriptedModelHome.at(home, model).with("PATH", System.getenv("PATH"))
                .with("GITHUB_WEBHOOK_SECRET", SECRET).with("GITHUB_API_URL", github.apiUrl()).init(clock).config("""
                        timezone: UTC
                        github:
                          owners: [octo]
                          handle: kairos-bot
                          poll: 0s
                          repos:
                            - repo: %s
                              path: %s
                              test: %s
                        %s""".formatted(REPO, checkout, TEST, settings.lines()
                        .map(l -> "      " + l + "\n").reduce("", String::concat))).env();
    }

    /** A colleague pushes a commit breaking add() to main; the user's checkout has not fetched it. Its sha. */
    String colleaguePushesABreak() throws Exception {
        Files.writeString(colleague.resolve("calc.sh"), BROKEN);
        String sha = commitAll(colleague, "Simplify add");
        git(colleague, "push", "-q", "origin", "main");
        return sha;
    }

    /** Kairos started (again) on the home, serving POST /hooks/github on a free port. */
    Kairos start() {
        kairos = Kairos.open(ConfigReader.read(tmp.resolve("home"), env), env, clock, Kairos.Mode.ONE_BEAT);
        web = WebServer.start(0, new WebServer.Parts(kairos::status, () -> "{}", new WebServer.Chat(kairos::agent,
                kairos.store().jdbi(), kairos.ledger(), Optional.empty()), Optional.empty())
                .withGitHub(new GitHubHook(kairos.githubWebhooks(), () -> {})));
        return kairos;
    }

    /** Kairos stops as a killed process would leave it: nothing more is delivered. */
    void stop() {
        web.close();
        kairos.close();
        kairos = null;
    }

    /** POST /hooks/github, signed, as GitHub sends it; the HTTP status. */
    int deliver(String event, String deliveryId, String payload) throws IOException {
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        deliveries++;
        return RawHttp.post(web.port(), "/hooks/github", Map.of("X-GitHub-Event", event, "X-GitHub-Delivery",
                deliveryId, "X-Hub-Signature-256", GitHubWebhooks.signature(SECRET, body),
                "Content-Type", "application/json"), body).status();
    }

    /** A check_run "completed" delivery for {@code sha} on main. */
    static String checkRun(long id, String name, String conclusion, String sha) {
        return checkRun(id, name, conclusion, sha, "main");
    }

    /** A pull_request delivery ({@code action} "opened", "synchronize", ...) of pull request {@code number}. */
    static String pullRequest(String action, int number, String head, String sha, String login, String title,
            String body) {
        return Json.write(Map.of("action", action, "number", number,
                "pull_request", Map.of("number", number, "title", title, "body", body, "user", Map.of("login", login),
                        "html_url", "https://github.com/" + REPO + "/pull/" + number,
                        "merged", false, "draft", false, "updated_at", "2026-11-25T09:00:00Z",
                        "head", Map.of("ref", head, "sha", sha), "base", Map.of("ref", "main")),
                "repository", repository(), "sender", Map.of("login", login)));
    }

    /** A check_run "completed" delivery for {@code sha} on {@code branch}. */
    static String checkRun(long id, String name, String conclusion, String sha, String branch) {
        return Json.write(Map.of("action", "completed",
                "check_run", Map.of("id", id, "name", name, "status", "completed", "conclusion", conclusion,
                        "head_sha", sha, "html_url", "https://github.com/" + REPO + "/runs/" + id,
                        "check_suite", Map.of("id", id + 1, "head_branch", branch), "pull_requests", List.of()),
                "repository", repository(), "sender", Map.of("login", "github-actions[bot]")));
    }

    /** An issue_comment "created" delivery by {@code login} on issue {@code number}. */
    static String comment(long id, int number, String login, String body) {
        return Json.write(Map.of("action", "created",
                "issue", Map.of("number", number, "title", "Question", "user", Map.of("login", "octo"),
                        "html_url", "https://github.com/" + REPO + "/issues/" + number),
                "comment", Map.of("id", id, "body", body, "user", Map.of("login", login),
                        "html_url", "https://github.com/" + REPO + "/issues/" + number + "#issuecomment-" + id,
                        "created_at", "2026-11-25T09:00:00Z", "updated_at", "2026-11-25T09:00:00Z"),
                "repository", repository(), "sender", Map.of("login", login)));
    }

    private static Map<String, Object> repository() {
        return Map.of("full_name", REPO, "default_branch", "main", "html_url", "https://github.com/" + REPO);
    }

    /** The branches of the remote whose name starts with {@code prefix}, as "name sha" lines. */
    List<String> remoteBranches(String prefix) throws Exception {
        String out = git(bare, "for-each-ref", "--format=%(refname:short) %(objectname)", "refs/heads/" + prefix + "*");
        return out.isEmpty() ? List.of() : out.lines().toList();
    }

    static String commitAll(Path dir, String message) throws Exception {
        git(dir, "add", "-A");
        git(dir, "-c", "user.name=Test User", "-c", "user.email=test@example.com", "commit", "-q", "-m", message);
        return git(dir, "rev-parse", "HEAD");
    }

    static String git(Path dir, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("git %s finished", args[0]).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", String.join(" ", args), out).isZero();
        return out;
    }

    @Override
    public void close() {
        if (kairos != null) stop();
        github.close();
        model.close();
    }
}
