package dev.kairos.policy;

import java.util.List;
import java.util.Optional;

/**
 * A command line as the shell reads it, before anything is expanded: pipelines in the order they appear (which of
 * them run depends on {@code &&}, {@code ||} and exit codes, so the reading treats each as one that may run).
 */
record ShellScript(List<Pipeline> pipelines) {

    record Pipeline(List<Command> stages) {}

    sealed interface Command permits Simple, Compound {}

    /** Words and assignments and redirections; the first word, once expanded, is the program. */
    record Simple(List<Assignment> assignments, List<Word> words, List<Redirect> redirects) implements Command {}

    /** {@code ( … )} runs in a subshell; {@code { … }}, if, while, until and for bodies do not. */
    record Compound(ShellScript body, boolean subshell, List<Redirect> redirects) implements Command {}

    /** {@code NAME=value}, or {@code NAME=(a b c)} when {@code array}. */
    record Assignment(String name, List<Word> values, boolean array) {}

    /** {@code [fd]op target}; fd is -1 when not written. A here-document's target is its end marker. */
    record Redirect(int fd, String op, Word target, Optional<HereDoc> hereDoc) {}
}
