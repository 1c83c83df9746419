package dev.kairos.cli;

import dev.kairos.json.Json;
import dev.kairos.config.Workspace;
import dev.kairos.notify.PushKeys;
import dev.kairos.notify.ApprovalLinks;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "init", description = {"Create the workspace (KAIROS_HOME, default ~/.kairos).",
        "Idempotent: creates only what is missing and never overwrites a file."})
final class InitCommand implements Callable<Integer> {
    @ParentCommand KairosCommand parent;

    @Option(names = "--json", description = "Print {home, created[]} as JSON.")
    boolean json;

    @Override
    public Integer call() {
        Cli cli = parent.cli;
        Workspace ws = cli.workspace();
        List<Path> created = new java.util.ArrayList<>(ws.init());
        PushKeys.ensure(ws.keysDir()).ifPresent(created::add); // the keys themselves are never printed
        if (ApprovalLinks.makeKey(ws.home(), new SecureRandom())) created.add(ApprovalLinks.keyFile(ws.home()));
        if (json) {
            cli.out().println(Json.write(Map.of("home", ws.home().toString(),
                    "created", created.stream().map(Path::toString).toList())));
        } else if (created.isEmpty()) {
            cli.out().println("Workspace " + ws.home() + " is complete; nothing to create.");
        } else {
            cli.out().println("Created the workspace at " + ws.home() + ":");
            created.stream().filter(p -> !p.equals(ws.home()))
                    .forEach(p -> cli.out().println("  " + ws.home().relativize(p)));
            cli.out().println("Next: edit kairos.yaml and AGENTS.md, then run './kairos up'.");
        }
        return 0;
    }
}
