package dev.kairos.policy;

import java.util.Optional;

/**
 * The always-denied floor of {@code run_command}: no rule can allow a download piped (or otherwise fed) into a
 * shell or an interpreter, a recursive delete of the root or of a home folder, or a destructive push. The command is
 * read as bash reads it ({@link ShellParser}), its words expanded as far as the line itself tells
 * ({@link Expansion}), and every command in it, nested ones too, walked in order ({@link CommandWalk}). What cannot
 * be read fully is unreadable, which the policy never lets through unasked. The sandbox and "ask" come first; this
 * is the last line.
 */
final class ForbiddenCommands {
    private final String home;

    ForbiddenCommands(String home) {
        this.home = home;
    }

    /** What the floor makes of {@code command} run in {@code cwd} (empty when not known). */
    Reading read(String command, Optional<String> cwd) {
        boolean marks = command.chars().anyMatch(c -> c == 0 || c >= Expansion.FIRST_MARK && c <= Expansion.LAST_MARK);
        if (marks) return new Reading.Unreadable("the command holds characters a shell does not read as text");
        CommandWalk walk = new CommandWalk(command, home);
        try {
            walk.code(command, Scope.start(cwd.flatMap(c -> LexicalPath.absolute(c, Optional.empty())), home),
                    Out.NOTHING, "");
        } catch (RuntimeException | StackOverflowError e) {
            // a fault of the reader must not let a command through, nor stop the agent: the user decides
            Reading found = walk.findings.reading();
            return found instanceof Reading.Deny ? found : new Reading.Unreadable("the reader failed on it (" + e + ")");
        }
        return walk.findings.reading();
    }
}
