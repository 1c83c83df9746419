package dev.kairos.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kairos.testkit.FakeModelServer;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A server that never answers fails the call after the time-out, once, without retries that would wait again. */
class SilentServerTimesOutTest {

    private final FakeModelServer server = FakeModelServer.start();
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void close() {
        release.countDown();
        server.close();
    }

    @ParameterizedTest
    @EnumSource(Provider.class)
    void silentServerIsUnreachableAfterTheTimeout(Provider provider) {
        server.respondWith(request -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        RecordingSleeper sleeper = new RecordingSleeper();
        ModelClient client = ModelClients.create(provider.spec, provider.env(server.baseUrl()),
                Duration.ofMillis(300), sleeper);

        ModelException e = catchThrowableOfType(ModelException.class, () -> client.complete(Requests.hello()));

        assertThat(e.kind()).isEqualTo(ModelException.Kind.UNREACHABLE);
        assertThat(e.getMessage()).contains("did not answer within 0.3 s", "raise model.timeout in kairos.yaml");
        assertThat(server.requestCount()).isEqualTo(1);
        assertThat(sleeper.waits()).isEmpty();
    }
}
