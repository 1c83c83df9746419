package dev.kairos.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

/**
 * Booby-traps a repository the way a hostile write to {@code .git/config} and {@code .git/info/attributes} would:
 * every program git can be told to run on its own (filters, textconv and external diff drivers, fsmonitor, pager,
 * editor, ssh, hooks) leaves a marker file when it runs. Nothing ran while {@link #fired()} is empty.
 */
public final class TrappedRepo {
    private static final List<String> HOOKS = List.of("pre-commit", "prepare-commit-msg", "commit-msg", "post-commit",
            "post-checkout", "reference-transaction", "post-index-change", "pre-auto-gc", "post-rewrite");

    private final Path markers;

    private TrappedRepo(Path markers) {
        this.markers = markers;
    }

    /** Plants the traps in {@code repo}; the attributes cover every file. Markers go into {@code markers}. */
    public static TrappedRepo plant(Path repo, Path markers) {
        try {
            Files.createDirectories(markers);
            Path git = repo.resolve(".git");
            String config = Files.readString(git.resolve("config")) + """
                    [core]
                    \tfsmonitor = %1$sfsmonitor; false
                    \tpager = %1$spager; cat
                    \teditor = %1$seditor; true
                    \tsshCommand = %1$sssh; false
                    [diff]
                    \texternal = %1$sexternal-diff
                    [filter "trap"]
                    \tsmudge = %1$ssmudge; cat
                    \tclean = %1$sclean; cat
                    \trequired = true
                    [filter "trap.process"]
                    \tprocess = %1$sfilter-process
                    [diff "trap"]
                    \ttextconv = %1$stextconv; cat
                    \tcommand = %1$sdiff-command
                    [merge "trap"]
                    \tdriver = %1$smerge-driver
                    """.formatted("touch " + markers + "/");
            Files.writeString(git.resolve("config"), config);
            Files.createDirectories(git.resolve("info"));
            Files.writeString(git.resolve("info/attributes"), """
                    * filter=trap diff=trap merge=trap
                    *.dat filter=trap.process
                    """);
            Path hooks = Files.createDirectories(git.resolve("hooks"));
            for (String hook : HOOKS) {
                Path h = hooks.resolve(hook);
                Files.writeString(h, "#!/bin/sh\ntouch " + markers + "/hook-" + hook + "\n");
                Files.setPosixFilePermissions(h, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return new TrappedRepo(markers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the traps that went off. */
    public List<String> fired() {
        try (Stream<Path> files = Files.list(markers)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
