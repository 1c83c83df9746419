package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.SettableClock;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * `kairos chat` against a provider that fails (key rejected, model unknown, rate limits and overload past the
 * retries, a prompt too long, nobody listening) exits 1 with one line on stderr: "kairos: ", the provider, what
 * happened. Nothing else reaches the terminal (no log line, no stack trace), and never the API key. So on a machine
 * without bubblewrap too: the sandbox's warning goes to the operator log, not between the user and the error.
 */
class ProviderFailuresAreOneLineTest {
    private static final String KEY = "k3y-Zq81-dont-show-me";
    private static final SettableClock CLOCK = SettableClock.at("2026-11-25T09:00:00Z");

    @TempDir static Path home;

    enum Failure {
        REJECTED_KEY(s -> s.enqueue(Reply.error(401)), "rejected the API key (401)"),
        UNKNOWN_MODEL(s -> s.enqueue(Reply.error(404)), "(404)"),
        // retry-after 0: the client's retries do not wait
        RATE_LIMITED(s -> times(4, () -> s.enqueue(Reply.rateLimited(0))), "gave up after 3 retries"),
        OVERLOADED(s -> times(4, () -> s.enqueue(Reply.overloaded().header("retry-after", "0"))), "(529"),
        CONTEXT_TOO_LONG(s -> s.enqueue(Reply.contextTooLong()), "too long"),
        NOBODY_LISTENING(null, "connection was refused");

        final Consumer<FakeModelServer> script;
        final String says;

        Failure(Consumer<FakeModelServer> script, String says) {
            this.script = script;
            this.says = says;
        }
    }

    @BeforeAll
    static void init() {
        assertThat(CliRun.run(Map.of("KAIROS_HOME", home.toString()), CLOCK, "init").exitCode()).isZero();
    }

    /** Where the sandbox looks for bubblewrap: this machine's PATH, and a PATH without it (a fresh machine). */
    enum Bwrap {
        AS_INSTALLED_HERE, NOT_ON_PATH;

        String path() {
            String path = System.getenv().getOrDefault("PATH", "");
            if (this == AS_INSTALLED_HERE) return path;
            return Stream.of(path.split(File.pathSeparator))
                    .filter(dir -> !dir.isBlank() && !Files.isExecutable(Path.of(dir, "bwrap")))
                    .collect(Collectors.joining(File.pathSeparator));
        }
    }

    static Stream<Arguments> failures() {
        // every failure with Anthropic; with OpenAI those whose wording differs (the client tests cover the rest),
        // and not a refused connection, which is retried with the real back-off (0.5 + 1 + 2 s)
        Stream<Arguments> cases = Stream.concat(Stream.of(Failure.values()).map(f -> Arguments.of("anthropic", f)),
                Stream.of(Failure.REJECTED_KEY, Failure.RATE_LIMITED, Failure.CONTEXT_TOO_LONG)
                        .map(f -> Arguments.of("openai", f)));
        return cases.flatMap(c -> Stream.of(Bwrap.values()).map(b -> Arguments.of(c.get()[0], c.get()[1], b)));
    }

    @ParameterizedTest(name = "{0} {1}, bwrap {2}")
    @MethodSource("failures")
    void chatSaysWhatWentWrongInOneLine(String provider, Failure failure, Bwrap bwrap) throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            if (failure.script != null) failure.script.accept(server);
            String url = failure.script != null ? server.baseUrl() : "http://127.0.0.1:" + closedPort();
            Map<String, String> env = env(provider, url);
            env.put("PATH", bwrap.path());

            ByteArrayOutputStream logs = new ByteArrayOutputStream();
            CliRun chat = withProcessStreamsIn(logs, () -> CliRun.run(env, CLOCK, "chat", "hi"));

            assertThat(chat.exitCode()).isEqualTo(1);
            assertThat(chat.out()).isEmpty();
            assertOneLine(chat.err(), provider, failure);
            assertThat(logs.toString(StandardCharsets.UTF_8)).as("nothing else reaches the terminal, logs included")
                    .isEmpty();
            if (bwrap == Bwrap.NOT_ON_PATH) {
                CliRun status = CliRun.run(env, CLOCK, "status");
                assertThat(status.out()).as("the missing sandbox is a problem `status` names, not terminal noise")
                        .contains("no sandbox: bubblewrap (bwrap) is not installed");
            }
        }
    }

    private static void assertOneLine(String err, String provider, Failure failure) {
        assertThat(err).endsWith("\n");
        assertThat(err.strip()).startsWith("kairos: ").containsPattern("\\b" + provider + "(/\\S+)? at http")
                .contains(failure.says)
                .doesNotContain("\n").doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(KEY)
                .doesNotContain(KEY.substring(4));
    }

    private static Map<String, String> env(String provider, String url) {
        Map<String, String> env = new HashMap<>(Map.of("KAIROS_HOME", home.toString(), "KAIROS_TIMEZONE", "UTC"));
        if (provider.equals("anthropic")) {
            env.putAll(Map.of("KAIROS_MODEL", "anthropic/claude-sonnet-4-5", "ANTHROPIC_BASE_URL", url,
                    "ANTHROPIC_API_KEY", KEY));
        } else {
            env.putAll(Map.of("KAIROS_MODEL", "openai/gpt-4.1-mini", "OPENAI_BASE_URL", url + "/v1",
                    "OPENAI_API_KEY", KEY));
        }
        return env;
    }

    /**
     * Runs {@code run} with the process's own System.out and System.err (where the log goes, and where a stack trace
     * would) collected into {@code sink}. Tests run one at a time, so nothing else writes there meanwhile.
     */
    private static <T> T withProcessStreamsIn(ByteArrayOutputStream sink, Supplier<T> run) {
        PrintStream out = System.out;
        PrintStream err = System.err;
        PrintStream to = new PrintStream(sink, true, StandardCharsets.UTF_8);
        System.setOut(to);
        System.setErr(to);
        try {
            return run.get();
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void times(int n, Runnable r) {
        for (int i = 0; i < n; i++) r.run();
    }
}
