package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.config.Durations;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/** {@code schedule {text, at | every}}: a reminder once, or a check that recurs. */
final class ScheduleTool implements Tool {
    private static final ObjectNode SCHEMA = Schema.object()
            .string("text", "what to do when due", true)
            .string("at", "once: 'in 2h' or 2026-12-01T09:00+01:00", false)
            .string("every", "'weekdays at 09:00', 'every 2 hours'", false).build();

    @Override
    public String name() {
        return "schedule";
    }

    @Override
    public String description() {
        return "Schedule a task for later: give at or every, not both.";
    }

    @Override
    public ObjectNode inputSchema() {
        return SCHEMA.deepCopy();
    }

    @Override
    public Risk risk() {
        return Risk.WRITE;
    }

    @Override
    public ToolResult call(ObjectNode input, ToolContext ctx) {
        String text = Schema.text(input, "text").strip();
        Optional<String> at = Schema.optionalText(input, "at").filter(s -> !s.isBlank());
        Optional<String> every = Schema.optionalText(input, "every").filter(s -> !s.isBlank());
        if (text.isEmpty()) throw new ToolFailure("the text is empty");
        if (at.isPresent() == every.isPresent()) throw new ToolFailure("give exactly one of 'at' and 'every'");
        Optional<Instant> when = at.map(a -> when(a, ctx.clock().instant()));
        if (when.isPresent() && !when.get().isAfter(ctx.clock().instant())) {
            throw new ToolFailure("'" + at.get() + "' is not in the future");
        }
        return ToolResult.ok(ctx.schedule().schedule(text, when, every.map(String::strip)));
    }

    static Instant when(String text, Instant now) {
        String t = text.strip();
        if (t.startsWith("in ")) t = t.substring(3).strip();
        try {
            Duration d = Durations.parse(t);
            return now.plus(d);
        } catch (IllegalArgumentException notADuration) {
            try {
                return OffsetDateTime.parse(t).toInstant();
            } catch (DateTimeParseException e) {
                throw new ToolFailure("'" + text + "' is not a time; use 'in 2h', '30m' or 2026-12-01T09:00:00+01:00");
            }
        }
    }
}
