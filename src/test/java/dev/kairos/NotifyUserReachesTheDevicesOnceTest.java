package dev.kairos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import dev.kairos.json.Json;
import dev.kairos.notify.Notification;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * notify_user goes through the delivery policy to the devices, and is still journaled; a replayed task (one that
 * runs again after a crash) says the same thing again, and the user is told once.
 */
class NotifyUserReachesTheDevicesOnceTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z");

    @Test
    void aTaskNotifiesOnceEvenWhenItIsReplayed() throws Exception {
        try (FakeModelServer server = FakeModelServer.start(); PhoneHome h = PhoneHome.start(home, clock, server)) {
            server.respondWith(r -> Conversation.lastToolResult(r).isPresent() ? Reply.text("Told them.")
                    : Reply.toolUse("notify_user", Json.write(Map.of("title", "Backup", "text",
                            "The nightly backup finished"))));
            h.kairos.inbox().add(Event.observed("schedule", "check.due", "backup@1", clock.instant(), Trust.TRUSTED,
                    "check that the nightly backup finished", "{}"));
            h.beat();
            assertThat(h.notifier.received()).singleElement().satisfies(n -> {
                assertThat(n.title()).isEqualTo("Backup");
                assertThat(n.message()).isEqualTo("The nightly backup finished");
                assertThat(n.priority()).isEqualTo(Notification.Priority.NORMAL);
            });

            // the task runs again, as after a crash before it was marked done
            h.kairos.store().jdbi().useHandle(x -> x.execute("UPDATE tasks SET state = 'PENDING' WHERE kind = 'check'"));
            clock.advance(Duration.ofHours(2)); // past the dedupe window: only the key can tell
            h.beat();

            assertThat(Conversation.toolResults(server.lastRequest())).as("the replay called notify_user again")
                    .singleElement().satisfies(t -> assertThat(t.content()).isEqualTo("notified the user"));
            assertThat(h.notifier.received()).as("told once").hasSize(1);
            String journal = Files.readString(home.resolve("memory/journal/2026-11-25.md"));
            assertThat(journal.lines().filter(l -> l.contains("told the user: Backup: The nightly backup finished")))
                    .as("still journaled, each time").hasSize(2);
        }
    }
}
