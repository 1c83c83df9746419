package dev.kairos.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A 429 is retried after the wait the provider asked for, and the second request succeeds. */
class RetryAfterRateLimitTest {

    private final FakeModelServer server = FakeModelServer.start();
    private final RecordingSleeper sleeper = new RecordingSleeper();

    @AfterEach
    void close() {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void secondRequestSucceedsAfterTheAskedForWait(Provider provider) {
        server.enqueue(Reply.rateLimited(2)).enqueue(Reply.text("second time lucky"));

        ModelResponse response = provider.client(server, sleeper).complete(Requests.hello());

        assertThat(response.text()).isEqualTo("second time lucky");
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(sleeper.waits()).containsExactly(Duration.ofSeconds(2));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void retryAfterZeroRetriesAtOnceWithTheRealSleeper(Provider provider) {
        server.enqueue(Reply.rateLimited(0)).enqueue(Reply.text("again"));
        ModelClient client = ModelClients.create(provider.spec, provider.env(server.baseUrl()),
                Duration.ofSeconds(10));

        assertThat(client.complete(Requests.hello()).text()).isEqualTo("again");
        assertThat(server.requestCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void streamedRequestIsRetriedToo(Provider provider) {
        server.enqueue(Reply.rateLimited(0)).enqueue(Reply.text("streamed again"));

        ModelResponse response = provider.client(server, sleeper).stream(Requests.hello(), text -> {});

        assertThat(response.text()).isEqualTo("streamed again");
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(sleeper.waits()).containsExactly(Duration.ZERO);
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void retryAfterMillisecondsIsPreferred(Provider provider) {
        server.enqueue(Reply.error(429).header("retry-after-ms", "250").header("retry-after", "1"));

        provider.client(server, sleeper).complete(Requests.hello());

        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(250));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void withoutRetryAfterTheBackoffIsUsed(Provider provider) {
        server.enqueue(Reply.error(429)).enqueue(Reply.error(503));

        provider.client(server, sleeper).complete(Requests.hello());

        assertThat(server.requestCount()).isEqualTo(3);
        assertThat(sleeper.waits()).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void waitLongerThanAMinuteIsNotWaitedFor(Provider provider) {
        server.enqueue(Reply.rateLimited(3600));

        ModelException e = catchThrowableOfType(ModelException.class,
                () -> provider.client(server, sleeper).complete(Requests.hello()));

        assertThat(e.kind()).isEqualTo(ModelException.Kind.RATE_LIMITED);
        assertThat(e.getMessage()).contains("retry after 3600 s", "longer than Kairos waits");
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(sleeper.waits()).isEmpty();
    }
}
