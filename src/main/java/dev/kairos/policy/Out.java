package dev.kairos.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a command writes to standard output as far as the reading can tell, which is what the next command of a
 * pipe reads: whether it comes from the network, its text when known, and for find the folders what it lists lies
 * under.
 */
record Out(boolean tainted, Optional<String> text, List<Arg> paths) {
    static final Out NOTHING = new Out(false, Optional.of(""), List.of());
    static final Out UNKNOWN = new Out(false, Optional.empty(), List.of());
    static final Out NETWORK = new Out(true, Optional.empty(), List.of());

    static Out text(String text, boolean tainted) {
        return new Out(tainted, Optional.of(text), List.of());
    }

    static Out unknown(boolean tainted) {
        return tainted ? NETWORK : UNKNOWN;
    }

    /** This output followed by another. */
    Out then(Out next) {
        List<Arg> both = new ArrayList<>(paths);
        both.addAll(next.paths);
        Optional<String> joined = text.isPresent() && next.text.isPresent()
                ? Optional.of(text.get() + next.text.get()) : Optional.empty();
        return new Out(tainted || next.tainted, joined, List.copyOf(both));
    }
}
