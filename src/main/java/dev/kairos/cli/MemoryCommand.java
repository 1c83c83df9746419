package dev.kairos.cli;

import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.event.Printable;
import dev.kairos.memory.MemoryItem;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "memory", description = "What Kairos remembers: memory/ (MEMORY.md, topics, journal, archive).",
        subcommands = {MemoryCommand.Search.class, MemoryCommand.Reindex.class})
final class MemoryCommand {
    @ParentCommand KairosCommand parent;

    @Command(name = "search", description = "Search memory by words and meaning; each item with its date, file "
            + "and provenance.")
    static final class Search implements Callable<Integer> {
        @ParentCommand MemoryCommand memory;

        @Parameters(arity = "1..*", paramLabel = "QUERY", description = "What to look for.")
        String[] words;

        @Option(names = "--limit", defaultValue = "10", paramLabel = "N", description = "At most N items (default 10).")
        int limit;

        @Option(names = "--json", description = "Print {items: [{text, score, date, path, provenance, trust}]}.")
        boolean json;

        @Override
        public Integer call() {
            Cli cli = memory.parent.cli;
            if (limit < 1) throw new UserError("--limit must be at least 1");
            try (Kairos k = Kairos.open(cli.config(), cli.env(), cli.clock())) {
                k.memory().refresh();
                LocalDate today = cli.clock().instant().atZone(k.config().zone()).toLocalDate();
                List<MemoryItem> items = k.memory().search(String.join(" ", words), limit, today);
                if (json) {
                    cli.out().println(Json.write(Map.of("items", items)));
                } else if (items.isEmpty()) {
                    cli.out().println("Nothing in memory matches.");
                } else {
                    for (MemoryItem i : items) { // the files are editable by anyone: no escape reaches the terminal
                        cli.out().printf("%s  %s%n    %s%s%n", i.date(), Printable.of(i.text()), Printable.of(i.path()),
                                i.provenance().isBlank() ? "" : " (" + Printable.of(i.provenance()) + ")");
                    }
                }
                return 0;
            }
        }
    }

    @Command(name = "reindex", description = "Rebuild the memory index from the files (it is derived: safe anytime).")
    static final class Reindex implements Callable<Integer> {
        @ParentCommand MemoryCommand memory;

        @Option(names = "--json", description = "Print {items}.")
        boolean json;

        @Override
        public Integer call() {
            Cli cli = memory.parent.cli;
            try (Kairos k = Kairos.open(cli.config(), cli.env(), cli.clock())) {
                int n = k.memory().reindex();
                cli.out().println(json ? Json.write(Map.of("items", n)) : "Indexed " + n + " memory items.");
                return 0;
            }
        }
    }
}
