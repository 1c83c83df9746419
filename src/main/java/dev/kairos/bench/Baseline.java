package dev.kairos.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.agent.Context;
import dev.kairos.model.ModelRequest;
import dev.kairos.model.Tokens;
import dev.kairos.model.ToolSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The every-beat design, measured on the same workspace: at every beat it sends the system prompt (Kairos's
 * instructions and AGENTS.md, as Kairos's own context assembly writes them), the tool schemas, HEARTBEAT.md,
 * MEMORY.md, and today's and yesterday's journal, each counted with o200k as the model server counts a request.
 * What the files hold is read at the beat, after Kairos's own beat has written to them.
 */
public final class Baseline {
    /** What the every-beat design's model answers when nothing needs doing (OpenClaw's reply). */
    static final String IDLE_REPLY = "HEARTBEAT_OK";

    /** One beat of the baseline, part by part, in tokens. */
    public record Beat(Instant at, long systemPrompt, long tools, long heartbeatFile, long memoryIndex, long today,
            long yesterday) {
        public long inputTokens() {
            return systemPrompt + tools + heartbeatFile + memoryIndex + today + yesterday;
        }

        static long outputTokens() {
            return Tokens.count(IDLE_REPLY);
        }
    }

    private final Path home;
    private final Path journalDir;
    private final List<ToolSpec> tools;
    private final ZoneId zone;
    private final long toolTokens;
    private final Map<Path, Counted> counted = new HashMap<>();

    private record Counted(FileTime modified, long size, long tokens) {}

    /** @param home the workspace: AGENTS.md, HEARTBEAT.md and memory/ in it */
    Baseline(Path home, List<ToolSpec> tools, ZoneId zone) {
        this.home = home;
        this.journalDir = home.resolve("memory").resolve("journal");
        this.tools = List.copyOf(tools);
        this.zone = zone;
        long t = 0;
        for (ToolSpec s : tools) {
            t += Tokens.count(s.name()) + Tokens.count(s.description()) + Tokens.count(onTheWire(s).toString());
        }
        this.toolTokens = t;
    }

    /** A tool's schema as the Anthropic client sends it: an empty {@code required} list is left out. */
    private static ObjectNode onTheWire(ToolSpec spec) {
        ObjectNode schema = spec.inputSchema();
        if (schema.path("required").isEmpty()) schema.remove("required");
        return schema;
    }

    Beat at(Instant now) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return new Beat(now, Tokens.count(systemPrompt(now)), toolTokens, tokens(home.resolve("HEARTBEAT.md")),
                tokens(home.resolve("memory").resolve("MEMORY.md")), tokens(journalDir.resolve(today + ".md")),
                tokens(journalDir.resolve(today.minusDays(1) + ".md")));
    }

    /** Kairos's instructions and AGENTS.md, the first system block of every request Kairos makes. */
    private String systemPrompt(Instant now) {
        Context context = new Context(new Context.Stable(read(home.resolve("AGENTS.md")), ""), tools, 0, zone);
        ModelRequest request = context.request(new Context.Parts("beat", "", List.of(), now, "baseline"), 1);
        return request.system().getFirst().text();
    }

    /** A file's tokens; a file not changed since it was last counted is not counted again. */
    private long tokens(Path file) {
        try {
            if (!Files.isRegularFile(file)) return 0;
            FileTime modified = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            Counted c = counted.get(file);
            if (c != null && c.modified().equals(modified) && c.size() == size) return c.tokens();
            long n = Tokens.count(Files.readString(file));
            counted.put(file, new Counted(modified, size, n));
            return n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " for the baseline: " + e.getMessage(), e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " for the baseline: " + e.getMessage(), e);
        }
    }
}
