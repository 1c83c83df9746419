package dev.kairos.agent;

import dev.kairos.memory.Memory;
import dev.kairos.memory.MemoryItem;
import dev.kairos.tool.ToolContext;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;

/** memory_search and memory_get as the tools see them: plain text with dates, paths and provenance. */
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
    public String search(String query, int limit) {
        memory.refresh();
        List<MemoryItem> items = memory.search(query, limit, clock.instant().atZone(zone).toLocalDate());
        if (items.isEmpty()) return "nothing in memory matches '" + query + "'";
        StringBuilder sb = new StringBuilder();
        for (MemoryItem i : items) {
            sb.append("- ").append(i.date()).append(' ').append(i.text()).append(" (").append(i.path());
            if (!i.provenance().isBlank()) sb.append("; ").append(i.provenance());
            sb.append(")\n");
        }
        return sb.toString();
    }

    @Override
    public String get(String path, int fromLine, int lineCount) {
        return memory.get(path, fromLine, lineCount);
    }
}
