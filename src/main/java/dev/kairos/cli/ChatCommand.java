package dev.kairos.cli;

import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.agent.Agent;
import dev.kairos.config.Config;
import dev.kairos.event.Printable;
import dev.kairos.store.AgentLock;
import dev.kairos.web.ChatReport;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "chat", description = {"One user turn: send MESSAGE, print the reply.",
        "The conversation persists (windowed to a token budget); memory supplies the rest.",
        "With 'kairos up' running, the running agent answers (the same conversation as the web chat at /chat).",
        "A call that needs your approval waits (the note says which); 'kairos approvals approve ID' runs it once",
        "and continues this chat."})
final class ChatCommand implements Callable<Integer> {
    @ParentCommand KairosCommand parent;

    @Parameters(arity = "1..*", paramLabel = "MESSAGE", description = "What to say (several words are joined).")
    String[] words;

    @Option(names = "--json", description = "Print {reply, modelCalls, inputTokens, outputTokens, cacheWriteTokens, "
            + "cacheReadTokens, costUsd, note}.")
    boolean json;

    @Override
    public Integer call() throws java.io.IOException {
        Cli cli = parent.cli;
        Config config = cli.config();
        String message = String.join(" ", words);
        // one writer per home: beside a running agent, the agent answers (an empty message needs no one: it is refused here)
        ChatReport r = !message.isBlank() && AgentLock.isHeld(config.home())
                ? Json.MAPPER.readValue(RunningAgent.postJson(config.home(), "/api/chat",
                        Json.write(Map.of("text", message)), config.channels().webToken(), RunningAgent.CHAT_ANSWER),
                        ChatReport.class)
                : here(cli, config, message);
        if (json) {
            cli.out().println(Json.write(r));
        } else {
            if (!r.reply().isBlank()) cli.out().println(Printable.of(r.reply()));
            if (!r.note().isBlank()) cli.err().println("kairos: " + Printable.of(r.note()));
        }
        return r.unanswered() ? 1 : 0;
    }

    /** The turn in this process: no agent runs on this home. */
    private static ChatReport here(Cli cli, Config config, String message) {
        try (Kairos k = Kairos.open(config, cli.env(), cli.clock())) {
            Agent agent = k.agent().orElseThrow(() -> new UserError(ChatReport.NO_MODEL));
            return ChatReport.of(agent.chat(message));
        }
    }
}
