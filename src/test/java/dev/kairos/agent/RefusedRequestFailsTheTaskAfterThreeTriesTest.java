package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.Kairos;
import dev.kairos.config.ConfigReader;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.heartbeat.Task;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A request the model refuses outright (a context too long, an invalid request, an unknown model) would fail the same
 * way at every beat: after three tries the task fails with the reason, which `status` shows, and no more requests go
 * out. A failure that time may cure (overload) keeps the task waiting, however many beats it takes.
 */
class RefusedRequestFailsTheTaskAfterThreeTriesTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    enum Refusal {
        CONTEXT_TOO_LONG(Reply::contextTooLong, "too long"),
        INVALID_REQUEST(() -> Reply.error(400, "messages: text content blocks must be non-empty"), "(400)"),
        UNKNOWN_MODEL(() -> Reply.error(404), "does not know model");

        final Supplier<Reply> reply;
        final String says;

        Refusal(Supplier<Reply> reply, String says) {
            this.reply = reply;
            this.says = says;
        }
    }

    @ParameterizedTest
    @EnumSource(Refusal.class)
    void aRefusedTaskFailsAfterThreeTriesAndStatusSaysWhy(Refusal refusal) throws Exception {
        try (FakeModelServer server = FakeModelServer.start(); Kairos k = kairos(server)) {
            server.respondWith(r -> refusal.reply.get());
            Task task = aTask(k); // the beat that makes the task runs it: the first try
            assertThat(k.tasks().inState(Task.State.PENDING)).as("after the first try").hasSize(1);
            k.heartbeat().beat();
            assertThat(k.tasks().inState(Task.State.PENDING)).as("after the second try").hasSize(1);
            k.heartbeat().beat();
            assertThat(server.requestCount()).isEqualTo(3);
            assertThat(k.tasks().inState(Task.State.FAILED)).singleElement().satisfies(t -> assertThat(t.detail())
                    .startsWith("the model refused it 3 times: ").contains(refusal.says));

            for (int beat = 0; beat < 3; beat++) k.heartbeat().beat();
            assertThat(server.requestCount()).as("no more requests for a failed task").isEqualTo(3);
            assertThat(k.status().problems()).anySatisfy(p -> assertThat(p)
                    .startsWith("task " + task.id() + " (reply) failed: the model refused it 3 times").contains(refusal.says));
            assertThat(Files.readString(home.resolve("memory/journal/2026-11-25.md")))
                    .contains("task " + task.id() + " (reply) failed: the model refused it 3 times");
        }
    }

    @Test
    void anOverloadedProviderKeepsTheTaskWaiting() throws Exception {
        try (FakeModelServer server = FakeModelServer.start(); Kairos k = kairos(server)) {
            server.respondWith(r -> Reply.overloaded().header("retry-after", "0"));
            aTask(k);

            for (int beat = 1; beat <= 5; beat++) {
                clock.advance(Duration.ofMinutes(5));
                k.heartbeat().beat();
            }
            assertThat(server.requestCount()).as("each beat tries again (with the client's own retries)")
                    .isGreaterThanOrEqualTo(5);
            assertThat(k.tasks().inState(Task.State.PENDING)).singleElement()
                    .satisfies(t -> assertThat(t.detail()).contains("overloaded"));
            assertThat(k.tasks().inState(Task.State.FAILED)).isEmpty();
        }
    }

    private Kairos kairos(FakeModelServer server) {
        Map<String, String> env = ScriptedModelHome.at(home, server).init(clock).env();
        return Kairos.open(ConfigReader.read(home, env), env, clock, Kairos.Mode.ONE_BEAT);
    }

    private Task aTask(Kairos k) {
        k.inbox().add(Event.observed("mail", "message.received", "m1", clock.instant(), Trust.TRUSTED,
                "mail from the user: summarise the attached report", "{}"));
        return k.heartbeat().beat().tasks().getFirst();
    }
}
