package dev.kairos.cli;

import dev.kairos.channel.Pairing;
import dev.kairos.json.Json;
import dev.kairos.store.AgentLock;
import dev.kairos.store.Store;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "pair", description = {"Make a chat that asked to pair (Telegram) yours.",
        "An unknown chat that writes to the bot gets one message with a six-digit code, valid once for 10 minutes;",
        "'kairos pair CODE' makes that chat yours: Kairos reads and answers it from then on (the running agent too).",
        "A wrong, used or expired code changes nothing and exits with 1."})
final class PairCommand implements Callable<Integer> {
    @ParentCommand KairosCommand parent;

    @Parameters(index = "0", paramLabel = "CODE", description = "The six digits the chat was sent.")
    String code;

    @Option(names = "--json", description = "Print {channel, chat, name, pairedAt} of the chat paired.")
    boolean json;

    @Override
    public Integer call() {
        Cli cli = parent.cli;
        Store store = Store.open(cli.config().workspace().stateDb());
        Pairing.Outcome outcome = new Pairing(store.jdbi(), cli.clock()).pair(code);
        return switch (outcome) {
            case Pairing.Outcome.Done done -> {
                Pairing.Paired p = done.chat();
                tellTheRunningAgent(cli);
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("channel", p.channel());
                    out.put("chat", p.chat());
                    out.put("name", p.name());
                    out.put("pairedAt", p.pairedAt());
                    cli.out().println(Json.write(out));
                } else {
                    cli.out().println("Paired: " + p.channel() + " chat " + p.chat() + " (" + p.name() + ") is yours;"
                            + " Kairos reads and answers it from now on.");
                }
                yield 0;
            }
            case Pairing.Outcome.Expired expired -> throw new UserError("pairing code " + code.strip() + " expired "
                    + "(codes last " + Pairing.EXPIRY.toMinutes() + " minutes); write to the bot again for a new one");
            case Pairing.Outcome.Unknown unknown -> throw new UserError("no chat is waiting for pairing code '"
                    + code.strip() + "' (mistyped, or used already); write to the bot from the chat to pair for a code");
        };
    }

    /** A running agent beats now, so the chat hears at once that it is paired (else at its next beat). */
    private static void tellTheRunningAgent(Cli cli) {
        if (!AgentLock.isHeld(cli.home())) return;
        try {
            RunningAgent.post(cli.home(), "/api/tick");
        } catch (UserError e) {
            // the notice waits in the outbox for the agent's next beat
        }
    }
}
