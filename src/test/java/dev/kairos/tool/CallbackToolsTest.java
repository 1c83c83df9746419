package dev.kairos.tool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kairos.testkit.Processes;
import dev.kairos.testkit.SettableClock;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** remember, schedule, notify_user and reply hand their work to the callbacks in the context. */
class CallbackToolsTest {
    @TempDir Path root;
    final Tools tools = Tools.standard(Processes.runner(), Sandbox.none());
    final List<String> seen = new ArrayList<>();
    final SettableClock clock = SettableClock.at("2026-11-25T10:00:00Z");
    ToolContext ctx;

    @BeforeEach
    void setUp() {
        ctx = ToolContext.at(root, clock)
                .withRemember(text -> {
                    seen.add("remember " + text);
                    return "noted in the journal";
                })
                .withSchedule((text, at, every) -> {
                    seen.add("schedule " + text + " at=" + at.map(Instant::toString).orElse("-") + " every="
                            + every.orElse("-"));
                    return "scheduled";
                })
                .withNotifyUser((title, text) -> seen.add("notify " + title + ": " + text))
                .withReply(text -> seen.add("reply " + text));
    }

    @Test
    void eachToolCallsItsCallback() {
        assertThat(tools.call("remember", Input.of("text", "The user prefers tabs."), ctx))
                .isEqualTo(ToolResult.ok("noted in the journal"));
        assertThat(tools.call("schedule", Input.of("text", "check the deploy", "at", "in 2h"), ctx))
                .isEqualTo(ToolResult.ok("scheduled"));
        assertThat(tools.call("schedule", Input.of("text", "standup notes", "every", "weekdays at 09:00"), ctx))
                .isEqualTo(ToolResult.ok("scheduled"));
        assertThat(tools.call("notify_user", Input.of("text", "CI is red"), ctx)).isEqualTo(ToolResult.ok("notified the user"));
        assertThat(tools.call("reply", Input.of("text", "Done."), ctx))
                .isEqualTo(ToolResult.ok("reply recorded; Kairos delivers it when this turn ends"));
        assertThat(seen).containsExactly(
                "remember The user prefers tabs.",
                "schedule check the deploy at=2026-11-25T12:00:00Z every=-",
                "schedule standup notes at=- every=weekdays at 09:00",
                "notify Kairos: CI is red",
                "reply Done.");
    }

    @Test
    void aTimeWrittenLikeTheSchemasExampleIsAccepted() {
        assertThat(tools.get("schedule").orElseThrow().inputSchema().at("/properties/at/description").asText())
                .contains("2026-12-01T09:00+01:00");
        assertThat(tools.call("schedule", Input.of("text", "x", "at", "2026-12-01T09:00+01:00"), ctx))
                .isEqualTo(ToolResult.ok("scheduled"));
        assertThat(seen).containsExactly("schedule x at=2026-12-01T08:00:00Z every=-");
    }

    @Test
    void scheduleNeedsExactlyOneFutureTime() {
        assertThat(tools.call("schedule", Input.of("text", "x"), ctx).content())
                .isEqualTo("give exactly one of 'at' and 'every'");
        assertThat(tools.call("schedule", Input.of("text", "x", "at", "1h", "every", "daily"), ctx).content())
                .isEqualTo("give exactly one of 'at' and 'every'");
        assertThat(tools.call("schedule", Input.of("text", "x", "at", "tomorrow-ish"), ctx).content())
                .isEqualTo("'tomorrow-ish' is not a time; use 'in 2h', '30m' or 2026-12-01T09:00:00+01:00");
        assertThat(tools.call("schedule", Input.of("text", "x", "at", "2026-11-25T09:00:00Z"), ctx).content())
                .isEqualTo("'2026-11-25T09:00:00Z' is not in the future");
        assertThat(seen).isEmpty();
    }

    @Test
    void aCallbackThatRefusesBecomesAnErrorResult() {
        ToolContext picky = ctx.withSchedule((text, at, every) -> {
            throw new IllegalArgumentException("'fortnightly' is not a schedule; use e.g. 'weekdays at 09:00'");
        });
        assertThat(tools.call("schedule", Input.of("text", "x", "every", "fortnightly"), picky))
                .isEqualTo(ToolResult.error("'fortnightly' is not a schedule; use e.g. 'weekdays at 09:00'"));
    }

    @Test
    void withoutCallbacksTheToolsSayTheyAreUnavailable() {
        ToolContext bare = ToolContext.at(root, clock);
        assertThat(tools.call("remember", Input.of("text", "x"), bare))
                .isEqualTo(ToolResult.error("remember is not available in this session"));
        assertThat(tools.call("reply", Input.of("text", "x"), bare))
                .isEqualTo(ToolResult.error("reply is not available in this session"));
        assertThat(tools.call("notify_user", Input.of("text", "x"), bare))
                .isEqualTo(ToolResult.error("notify_user is not available in this session"));
    }
}
