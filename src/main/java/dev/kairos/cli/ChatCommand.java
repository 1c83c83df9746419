package dev.kairos.cli;

import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.agent.Agent;
import dev.kairos.event.Printable;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "chat", description = {"One user turn: send MESSAGE, print the reply.",
        "The conversation persists (windowed to a token budget); memory supplies the rest.",
        "A call that needs your approval waits (the note says which); 'kairos approvals approve ID' runs it once",
        "and continues this chat."})
final class ChatCommand implements Callable<Integer> {
    @ParentCommand KairosCommand parent;

    @Parameters(arity = "1..*", paramLabel = "MESSAGE", description = "What to say (several words are joined).")
    String[] words;

    @Option(names = "--json", description = "Print {reply, modelCalls, inputTokens, outputTokens, cacheWriteTokens, "
            + "cacheReadTokens, note}.")
    boolean json;

    @Override
    public Integer call() {
        Cli cli = parent.cli;
        try (Kairos k = Kairos.open(cli.config(), cli.env(), cli.clock())) {
            Agent agent = k.agent().orElseThrow(() -> new UserError(
                    "no model configured: set KAIROS_MODEL=provider/model (e.g. anthropic/claude-sonnet-4-5) or "
                            + "model.main in kairos.yaml"));
            Agent.Reply r = agent.chat(String.join(" ", words));
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("reply", r.text());
                out.put("modelCalls", r.modelCalls());
                out.put("inputTokens", r.usage().inputTokens());
                out.put("outputTokens", r.usage().outputTokens());
                out.put("cacheWriteTokens", r.usage().cacheWriteTokens());
                out.put("cacheReadTokens", r.usage().cacheReadTokens());
                out.put("note", r.note());
                cli.out().println(Json.write(out));
            } else {
                if (!r.text().isBlank()) cli.out().println(Printable.of(r.text()));
                if (!r.note().isBlank()) cli.err().println("kairos: " + Printable.of(r.note()));
            }
            return r.modelCalls() == 0 && !r.note().isBlank() ? 1 : 0;
        }
    }
}
