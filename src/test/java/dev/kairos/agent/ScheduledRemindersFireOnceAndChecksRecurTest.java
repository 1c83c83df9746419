package dev.kairos.agent;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.config.ConfigReader;
import dev.kairos.event.Event;
import dev.kairos.heartbeat.BeatReport;
import dev.kairos.testkit.CliRun;
import dev.kairos.testkit.Conversation;
import dev.kairos.testkit.FakeModelServer;
import dev.kairos.testkit.Reply;
import dev.kairos.testkit.ScriptedModelHome;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model's `schedule` tool works: a reminder set in a chat is stored, listed by `status`, fires once at its time as
 * a check task and is then done; a recurring check in HEARTBEAT.md words fires each time it comes due; a schedule
 * in other words is refused with what is allowed.
 */
class ScheduledRemindersFireOnceAndChecksRecurTest {
    @TempDir Path home;
    private final SettableClock clock = SettableClock.at("2026-11-25T09:00:00Z"); // a Wednesday

    @Test
    void aReminderFiresOnceAndARecurringCheckFiresEachTime() throws Exception {
        try (FakeModelServer server = FakeModelServer.start()) {
            Map<String, String> env = ScriptedModelHome.at(home, server).init(clock).env();

            chat(server, env, "{\"text\":\"call the bank\",\"at\":\"in 8h\"}");
            assertThat(Conversation.lastToolResult(server.lastRequest()).orElseThrow().content())
                    .startsWith("scheduled #1 (at 2026-11-25T17:00:00Z): call the bank");
            chat(server, env, "{\"text\":\"look at the open pull requests\",\"every\":\"weekdays at 09:00\"}");
            chat(server, env, "{\"text\":\"water the plants\",\"every\":\"every 2h\"}");
            var refused = Conversation.lastToolResult(server.lastRequest()).orElseThrow();
            assertThat(refused.isError()).isTrue();
            assertThat(refused.content()).contains("cannot read the schedule 'every 2h'").contains("every 30 minutes");

            JsonNode status = Json.MAPPER.readTree(CliRun.run(env, clock, "status", "--json").out());
            assertThat(status.get("schedules")).hasSize(2);
            assertThat(status.at("/schedules/0/text").asText()).isEqualTo("call the bank");
            assertThat(status.at("/schedules/0/at").asText()).isEqualTo("2026-11-25T17:00:00Z");
            assertThat(status.at("/schedules/0/setBy").asText()).isEqualTo("chat");
            assertThat(status.at("/schedules/1/every").asText()).isEqualTo("weekdays at 09:00");
            assertThat(CliRun.run(env, clock, "status").out())
                    .contains("scheduled:      #1 at 2026-11-25T17:00:00Z: call the bank (set by chat)")
                    .contains("scheduled:      #2 weekdays at 09:00: look at the open pull requests");

            try (Kairos k = Kairos.open(ConfigReader.read(home, env), env, clock, Kairos.Mode.ONE_BEAT)) {
                assertThat(k.heartbeat().beat().idle()).as("nothing is due at 09:00 on the day they were set").isTrue();

                clock.set(Instant.parse("2026-11-25T17:01:00Z"));
                BeatReport evening = k.heartbeat().beat();
                assertThat(evening.events()).extracting(Event::summary)
                        .containsExactly("Reminder (set by chat): call the bank");
                assertThat(evening.tasks()).singleElement().satisfies(t -> assertThat(t.kind()).isEqualTo("check"));
                assertThat(evening.modelCalls()).isEqualTo(1);

                clock.set(Instant.parse("2026-11-26T09:01:00Z"));
                assertThat(k.heartbeat().beat().events()).extracting(Event::summary)
                        .containsExactly("look at the open pull requests");
                assertThat(k.status().schedules()).as("the reminder is done; the check stays")
                        .singleElement().satisfies(s -> assertThat(s.every()).isEqualTo("weekdays at 09:00"));

                clock.set(Instant.parse("2026-11-26T17:05:00Z"));
                assertThat(k.heartbeat().beat().idle()).as("a reminder fires once").isTrue();
            }
        }
    }

    private void chat(FakeModelServer server, Map<String, String> env, String scheduleInput) {
        server.enqueue(Reply.toolUse("schedule", scheduleInput)).enqueue(Reply.text("Noted."));
        CliRun chat = CliRun.run(env, clock, "chat", "please schedule this");
        assertThat(chat.exitCode()).as(chat.err()).isZero();
    }
}
