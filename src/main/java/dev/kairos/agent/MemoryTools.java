package dev.kairos.agent;

import dev.kairos.event.Trust;
import dev.kairos.event.Untrusted;
import dev.kairos.memory.Memory;
import dev.kairos.memory.MemoryItem;
import dev.kairos.tool.ToolContext;
import dev.kairos.tool.ToolResult;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;

/**
 * memory_search and memory_get as the tools see them: plain text with dates, paths and provenance. Someone else's
 * text comes fenced, and its result is tainted: the task that read it is tainted from then on.
 */
final class MemoryTools implements ToolContext.Recollection {
    private final Memory memory;
    private final InstantSource clock;
    private final ZoneId zone;

    MemoryTools(Memory memory, InstantSource clock, ZoneId zone) {
        this.memory = memory;
        this.clock = clock;
        this.zone = zone;
    }

    @Override
    public ToolResult search(String query, int limit) {
        memory.refresh();
        List<MemoryItem> items = memory.search(query, limit, clock.instant().atZone(zone).toLocalDate());
        if (items.isEmpty()) return ToolResult.ok("nothing in memory matches '" + query + "'");
        StringBuilder sb = new StringBuilder();
        boolean untrusted = false;
        for (MemoryItem i : items) {
            boolean theirs = i.trust() != Trust.TRUSTED;
            untrusted |= theirs;
            sb.append("- ").append(i.date()).append(' ').append(theirs ? Untrusted.fence(i.text()) : i.text())
                    .append(" (").append(i.path());
            if (!i.provenance().isBlank()) sb.append("; ").append(i.provenance());
            sb.append(")\n");
        }
        return ToolResult.ok(sb.toString()).tainted(untrusted);
    }

    @Override
    public ToolResult get(String path, int fromLine, int lineCount) {
        Memory.Excerpt lines = memory.excerpt(path, fromLine, lineCount);
        if (lines.trust() == Trust.TRUSTED) return ToolResult.ok(lines.text());
        return ToolResult.ok(Untrusted.fence("\n" + lines.text())).tainted(true);
    }
}
