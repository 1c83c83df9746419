package dev.kairos.dream;

import dev.kairos.event.Printable;
import dev.kairos.model.ModelRequest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One cluster of related notes put to the small model, and its answer read back. The model sees the notes numbered,
 * never their provenance; each note it writes names the numbers it draws on, and gets the provenance of those notes.
 * An answer that leaves a note out, names a number it was not given, or is not in the shape asked for is not used.
 */
final class RewritePrompt {
    static final String SYSTEM = """
            You consolidate the memory notes of a personal assistant. Rewrite the numbered notes below into fewer, \
            shorter notes that keep every fact: who, what, names, numbers, dates and places. Keep dates as written. \
            Write one note per line, as "- the note [n, m]" where n, m are the numbers of the notes it is made of. \
            Every number must appear at least once. Reply with those lines and nothing else.""";
    /** The longest note kept from an answer; longer is not a consolidation. */
    static final int MAX_NOTE_CHARS = 600;
    private static final Pattern LINE = Pattern.compile("^\\s*[-*]\\s+(.+?)\\s*\\[(\\d+(?:\\s*,\\s*\\d+)*)]\\s*$");

    private RewritePrompt() {}

    /** The request for {@code cluster} in {@code topic}, its answer held to {@code maxTokens}. */
    static ModelRequest request(String topic, List<Note> cluster, int maxTokens) {
        StringBuilder sb = new StringBuilder("Topic: ").append(topic).append("\n\n");
        for (int i = 0; i < cluster.size(); i++) {
            Note n = cluster.get(i);
            sb.append(i + 1).append(". (").append(n.date()).append(") ").append(n.text()).append('\n');
        }
        return ModelRequest.of(SYSTEM, sb.toString(), maxTokens);
    }

    /** The notes the answer makes of {@code cluster}, or empty when it cannot be used as it is. */
    static Optional<List<Note>> read(String answer, List<Note> cluster) {
        List<Note> out = new ArrayList<>();
        BitSet named = new BitSet();
        for (String raw : answer.strip().split("\\R")) {
            if (raw.isBlank()) continue;
            Matcher m = LINE.matcher(raw);
            if (!m.matches()) return Optional.empty();
            // Parentheses end a topic line's provenance: the model's words must not be able to write one.
            String text = Printable.of(m.group(1)).replace('(', '[').replace(')', ']').strip();
            if (text.isEmpty() || text.length() > MAX_NOTE_CHARS) return Optional.empty();
            List<Note> from = new ArrayList<>();
            for (String number : m.group(2).split("\\s*,\\s*")) {
                int i = Integer.parseInt(number) - 1;
                if (i < 0 || i >= cluster.size()) return Optional.empty();
                named.set(i);
                from.add(cluster.get(i));
            }
            out.add(made(text, from));
        }
        if (out.isEmpty() || named.cardinality() != cluster.size()) return Optional.empty();
        return Optional.of(out);
    }

    /** A note written from {@code from}: dated by the newest of them, with the provenance of all. */
    private static Note made(String text, List<Note> from) {
        LinkedHashSet<String> provenance = new LinkedHashSet<>();
        from.forEach(n -> provenance.addAll(n.provenance()));
        LocalDate date = from.stream().map(Note::date).max(Comparator.naturalOrder()).orElseThrow();
        return new Note(from.getFirst().topic(), text, date, List.copyOf(provenance), false, false);
    }
}
