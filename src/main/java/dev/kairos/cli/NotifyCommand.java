package dev.kairos.cli;

import dev.kairos.Kairos;
import dev.kairos.event.Printable;
import dev.kairos.json.Json;
import dev.kairos.notify.Notifiers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "notify", description = "Notifications to your devices: ntfy, Web Push, email.",
        subcommands = {NotifyCommand.Test.class})
final class NotifyCommand {
    @ParentCommand KairosCommand parent;

    static final String HOW_TO = "No notifier is configured. Set KAIROS_NTFY_URL=https://ntfy.sh/YOUR-TOPIC (ntfy), "
            + "or open http://127.0.0.1:7411/push while './kairos up' runs (Web Push), or add notify.email to "
            + "kairos.yaml (email); see README, \"Notifications\".";

    @Command(name = "test", description = {"Send a test notification through every configured notifier now "
            + "(directly, not through the outbox) and say which worked.",
            "Exit code 0 when every one worked, 1 otherwise or when none is configured."})
    static final class Test implements Callable<Integer> {
        @ParentCommand NotifyCommand notify;

        @Option(names = "--json", description = "Print {notifiers: [{name, ok, detail}]}.")
        boolean json;

        @Override
        public Integer call() {
            Cli cli = notify.parent.cli;
            List<Notifiers.Tried> tried;
            try (Kairos k = Kairos.open(cli.config(), cli.env(), cli.clock())) {
                tried = k.notifiers().test();
            }
            boolean allOk = !tried.isEmpty() && tried.stream().allMatch(Notifiers.Tried::ok);
            if (json) {
                cli.out().println(Json.write(Map.of("notifiers", tried)));
            } else if (tried.isEmpty()) {
                cli.out().println(HOW_TO);
            } else {
                for (Notifiers.Tried t : tried) {
                    cli.out().println((t.ok() ? "ok      " : "FAILED  ") + t.name() + ": " + Printable.of(t.detail()));
                }
            }
            if (tried.isEmpty() && json) cli.err().println("kairos: " + HOW_TO);
            return allOk ? 0 : 1;
        }
    }
}
