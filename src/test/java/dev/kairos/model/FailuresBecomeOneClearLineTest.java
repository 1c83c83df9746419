package dev.kairos.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way a call fails ends in a {@link ModelException} of the right kind, whose message is one line naming the
 * provider and saying what to do, and never showing the key.
 */
class FailuresBecomeOneClearLineTest {

    private final FakeModelServer server = FakeModelServer.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void close() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void rejectedKeyIsAuthAndNamesTheVariableToSet(Provider provider) {
        server.enqueue(Reply.error(401));

        ModelException e = failure(provider);

        assertThat(e.kind()).isEqualTo(ModelException.Kind.AUTH);
        assertOneClearLine(e, provider);
        assertThat(e.getMessage()).contains("rejected the API key (401)", "set " + provider.keyVariable);
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void forbiddenModelIsAuth(Provider provider) {
        server.enqueue(Reply.error(403));

        ModelException e = failure(provider);

        assertThat(e.kind()).isEqualTo(ModelException.Kind.AUTH);
        assertOneClearLine(e, provider);
        assertThat(e.getMessage()).contains("(403)", provider.keyVariable);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void unknownModelIsNotFoundAndPointsAtTheModelName(Provider provider) {
        server.enqueue(Reply.error(404));

        ModelException e = failure(provider);

        assertThat(e.kind()).isEqualTo(ModelException.Kind.NOT_FOUND);
        assertOneClearLine(e, provider);
        assertThat(e.getMessage()).contains("does not know model " + provider.spec.model(), "KAIROS_MODEL");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void rateLimitThatDoesNotLiftIsRetriedThreeTimesThenGivenUp(Provider provider) {
        server.respondWith(request -> Reply.rateLimited(1));

        ModelException e = failure(provider);

        assertThat(e.kind()).isEqualTo(ModelException.Kind.RATE_LIMITED);
        assertOneClearLine(e, provider);
        assertThat(e.getMessage()).contains("(429, retry after 1 s)", "wait and try again",
                "gave up after 3 retries");
        assertThat(server.requestCount()).isEqualTo(4);
        assertThat(sleeper.waits()).containsExactly(
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void overloadedProviderIsRetriedWithGrowingBackoffThenGivenUp(Provider provider) {
        server.respondWith(request -> Reply.overloaded());

        ModelException e = failure(provider);

        assertThat(e.kind()).isEqualTo(ModelException.Kind.OVERLOADED);
        assertOneClearLine(e, provider);
        assertThat(e.getMessage()).contains("overloaded", "(529)", "try again later");
        assertThat(server.requestCount()).isEqualTo(4);
        assertThat(sleeper.waits()).containsExactly(
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void promptTooLongIsContextTooLongAndKeepsTheProvidersNumbers(Provider provider) {
        server.enqueue(Reply.contextTooLong());

        ModelException e = failure(provider);

        assertThat(e.kind()).isEqualTo(ModelException.Kind.CONTEXT_TOO_LONG);
        assertOneClearLine(e, provider);
        assertThat(e.getMessage()).contains("too long", "215034", "shorten the context");
        assertThat(server.requestCount()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void otherBadRequestIsBadRequestWithTheProvidersWords(Provider provider) {
        server.enqueue(Reply.error(400, "messages: roles must alternate"));

        ModelException e = failure(provider);

        assertThat(e.kind()).isEqualTo(ModelException.Kind.BAD_REQUEST);
        assertOneClearLine(e, provider);
        assertThat(e.getMessage()).contains("roles must alternate");
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void providerWordsThatEchoTheKeyAreRedacted(Provider provider) {
        server.enqueue(Reply.error(400, "bad header for key " + Provider.KEY + "\nsecond line"));

        ModelException e = failure(provider);

        assertOneClearLine(e, provider);
        assertThat(e.getMessage()).contains("[redacted]");
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void replyThatIsNotTheApisIsBadResponse(Provider provider) {
        server.respondWith(request -> Reply.raw(200, "<html>captive portal</html>"));

        ModelException e = failure(provider);

        assertThat(e.kind()).isEqualTo(ModelException.Kind.BAD_RESPONSE);
        assertOneClearLine(e, provider);
        assertThat(e.getMessage()).contains("cannot read", "points to");
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void closedPortIsUnreachableAfterRetries(Provider provider) throws IOException {
        String closed = "http://127.0.0.1:" + closedPort();

        ModelException e = catchThrowableOfType(ModelException.class,
                () -> provider.client(closed, sleeper).complete(Requests.hello()));

        assertThat(e.kind()).isEqualTo(ModelException.Kind.UNREACHABLE);
        assertOneClearLine(e, provider);
        assertThat(e.getMessage()).contains("cannot reach", "connection was refused", "_BASE_URL", closed);
        assertThat(sleeper.waits()).hasSize(3);
    }

    private ModelException failure(Provider provider) {
        return catchThrowableOfType(ModelException.class,
                () -> provider.client(server, sleeper).complete(Requests.hello()));
    }

    private static void assertOneClearLine(ModelException e, Provider provider) {
        assertThat(e).isNotNull();
        assertThat(e.getMessage())
                .doesNotContain("\n", "\r")
                .contains(provider.spec.provider())
                .doesNotContain(Provider.KEY)
                .doesNotContain(Provider.KEY.substring(0, 12))
                .contains(": ");
    }

    /** A port that was free a moment ago and has nothing listening now. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
