package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kairos.process.Git;
import dev.kairos.process.ProcessRunner;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tools a turn may offer the model, by name. Every tool handed out checks its input against its schema, turns
 * a failure into an error result that says why (never an exception), and caps its result in tokens.
 */
public final class Tools {
    private final Map<String, Tool> byName = new LinkedHashMap<>();
    private final Sandbox sandbox;

    private Tools(List<Tool> tools, Sandbox sandbox) {
        this.sandbox = sandbox;
        for (Tool t : tools) {
            if (byName.put(t.name(), new Guarded(t)) != null) throw new IllegalArgumentException("two tools named " + t.name());
        }
    }

    /** The standard set, with {@code run_command} isolated by bubblewrap when it works here (this process's PATH). */
    public static Tools standard(ProcessRunner runner) {
        return standard(runner, Sandbox.detect(System.getenv(), runner));
    }

    /** The standard set; every process its tools start goes through {@code runner}, commands confined by {@code sandbox}. */
    public static Tools standard(ProcessRunner runner, Sandbox sandbox) {
        return new Tools(List.of(new ReadFile(), new ListFiles(), new SearchFiles(), new WriteFile(), new EditFile(),
                new RunCommand(sandbox, runner), new GitTool(new Git(runner)), new Remember(), new MemorySearch(),
                new MemoryGet(),
                new ScheduleTool(), new NotifyUser(), new Reply(), new MessageUser()), sandbox);
    }

    /** How these tools' run_command confines commands. */
    public Sandbox sandbox() {
        return sandbox;
    }

    public Optional<Tool> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<Tool> all() {
        return List.copyOf(byName.values());
    }

    /** Calls the named tool; an unknown name is an error result listing the known ones. */
    public ToolResult call(String name, ObjectNode input, ToolContext ctx) {
        return get(name).map(t -> t.call(input, ctx)).orElseGet(() -> ToolResult.error(
                "no tool named '" + name + "'; the tools are " + String.join(", ", byName.keySet())));
    }

    /** What every tool handed out is wrapped in. */
    private static final class Guarded implements Tool {
        private static final Logger log = LoggerFactory.getLogger(Tools.class);
        private final Tool tool;

        Guarded(Tool tool) {
            this.tool = tool;
        }

        @Override
        public String name() {
            return tool.name();
        }

        @Override
        public String description() {
            return tool.description();
        }

        @Override
        public ObjectNode inputSchema() {
            return tool.inputSchema();
        }

        @Override
        public Risk risk() {
            return tool.risk();
        }

        @Override
        public Risk riskOf(ObjectNode input) {
            return tool.riskOf(input);
        }

        @Override
        public ToolResult call(ObjectNode input, ToolContext ctx) {
            ToolResult result;
            Optional<String> problem = input == null ? Optional.of("the input must be a JSON object")
                    : Schema.problem(tool.inputSchema(), input);
            if (problem.isPresent()) {
                result = ToolResult.error(tool.name() + ": " + problem.get());
            } else {
                try {
                    result = tool.call(input, ctx);
                } catch (ToolFailure | IllegalArgumentException e) {
                    result = ToolResult.error(e.getMessage());
                } catch (RuntimeException e) {
                    log.warn("tool={} failed unexpectedly", tool.name(), e);
                    result = ToolResult.error(tool.name() + " failed: " + e);
                }
            }
            return new ToolResult(TokenCap.cap(result.content(), ctx.resultTokens()), result.isError(), result.tainted());
        }
    }
}
