package dev.kairos.cli;

import dev.kairos.json.Json;
import dev.kairos.Kairos;
import dev.kairos.dream.Dream;
import dev.kairos.dream.DreamReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(name = "dream", description = {"Consolidate memory now, whatever the hour: the journal since the last dream "
        + "goes into topics/ (one file per person, project or theme; duplicates merged, relative dates made "
        + "absolute, a replaced fact kept as past), MEMORY.md gets a short profile and one line per topic, journal "
        + "days past dream.retentionDays move to archive/.",
        "Each dream is one commit in memory/'s git history, its message the report. A dream that would drop more "
                + "than a quarter of the topics' items, or change a line marked 📌 (pinned), is refused.",
        "Examples: ./kairos dream --dry-run    ./kairos dream    ./kairos dream undo"},
        subcommands = {DreamCommand.Undo.class})
final class DreamCommand implements Callable<Integer> {
    @ParentCommand KairosCommand parent;

    @Option(names = "--dry-run", description = "Print the diff the dream would make; write nothing.")
    boolean dryRun;

    @Option(names = "--json", description = "Print {outcome, reason, itemsBefore, itemsAfter, bytesBefore, "
            + "bytesAfter, merged, pruned, archived, turnedPast, dropped, topics, tokens, rewritten, commit, changed, "
            + "diff}.")
    boolean json;

    @Override
    public Integer call() {
        Cli cli = parent.cli;
        try (Kairos k = Kairos.open(cli.config(), cli.env(), cli.clock())) {
            DreamReport r = k.dream(dryRun, false);
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("outcome", r.outcome().name().toLowerCase(java.util.Locale.ROOT));
                out.put("reason", r.reason());
                out.put("itemsBefore", r.itemsBefore());
                out.put("itemsAfter", r.itemsAfter());
                out.put("bytesBefore", r.bytesBefore());
                out.put("bytesAfter", r.bytesAfter());
                out.put("merged", r.merged());
                out.put("pruned", r.pruned());
                out.put("archived", r.archived());
                out.put("turnedPast", r.turnedPast());
                out.put("dropped", r.dropped());
                out.put("topics", r.topics());
                out.put("tokens", r.tokens());
                out.put("rewritten", r.rewritten());
                out.put("commit", r.commit());
                out.put("changed", r.changed());
                out.put("diff", r.diff());
                cli.out().println(Json.write(out));
            } else {
                switch (r.outcome()) {
                    case DRY_RUN -> cli.out().print(r.diff().isEmpty() ? "Nothing to change.\n"
                            : r.diff() + "\n" + r.message() + "(dry run: nothing written)\n");
                    case DREAMT -> cli.out().print(r.message() + "commit " + r.commit() + " in " + k.config()
                            .workspace().memoryDir() + " (undo: ./kairos dream undo)\n");
                    case UNCHANGED -> cli.out().println("Nothing to consolidate."
                            + (r.reason().isBlank() ? "" : " " + r.reason()));
                    case REFUSED, BUSY, NOT_DUE -> {
                        cli.err().println("kairos: dream " + r.outcome().name().toLowerCase(java.util.Locale.ROOT)
                                + ": " + r.reason());
                        return 1;
                    }
                }
            }
            return r.outcome() == DreamReport.Outcome.REFUSED || r.outcome() == DreamReport.Outcome.BUSY ? 1 : 0;
        }
    }

    @Command(name = "undo", description = "Revert the last dream: one new commit in memory/ that puts back the files "
            + "it changed, byte for byte. Refused when those files were edited since (see git -C memory log).")
    static final class Undo implements Callable<Integer> {
        @ParentCommand DreamCommand dream;

        @Option(names = "--json", description = "Print {done, dream, commit, message}.")
        boolean json;

        @Override
        public Integer call() {
            Cli cli = dream.parent.cli;
            try (Kairos k = Kairos.open(cli.config(), cli.env(), cli.clock())) {
                Dream.Undo u = k.undoDream();
                if (json) {
                    cli.out().println(Json.write(u));
                } else if (u.done()) {
                    cli.out().println(u.message());
                } else {
                    cli.err().println("kairos: " + u.message());
                }
                return u.done() ? 0 : 1;
            }
        }
    }
}
