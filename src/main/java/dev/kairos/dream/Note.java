package dev.kairos.dream;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One item the dream works on: which topic it belongs to, its text, its day, where it came from. {@code past} marks
 * a fact a newer one replaced; {@code fromTopic} says it was read from a topic file (so losing it loses memory),
 * not from the journal (which keeps its own copy); {@code pinned} (📌 in the text) means the user forbids any change.
 */
record Note(String topic, String text, LocalDate date, List<String> provenance, boolean past, boolean fromTopic) {
    static final String PIN = "📌";
    private static final Pattern UNTRUSTED = Pattern.compile("(?i)\\buntrusted\\b");

    Note {
        provenance = List.copyOf(provenance);
    }

    boolean pinned() {
        return text.contains(PIN);
    }

    /** Said by someone whose text is data, never instructions: any part of its provenance says untrusted. */
    boolean untrusted() {
        return provenance.stream().anyMatch(p -> UNTRUSTED.matcher(p).find());
    }

    Note withText(String t) {
        return new Note(topic, t, date, provenance, past, fromTopic);
    }

    Note asPast(LocalDate until) {
        return new Note(topic, "Until " + until + ": " + text, date, provenance, true, fromTopic);
    }

    /** This note, speaking for all of {@code merged} too: their provenance joins its own, untrusted if any is. */
    Note absorbing(List<Note> merged) {
        LinkedHashSet<String> all = new LinkedHashSet<>(provenance);
        for (Note n : merged) all.addAll(n.provenance());
        return new Note(topic, text, date, List.copyOf(all), past, fromTopic);
    }

    /** The bullet as topic files hold it: "- text (YYYY-MM-DD; provenance)". */
    String line() {
        return "- " + text + " (" + date + "; " + String.join(", ", provenance) + ")\n";
    }

    static List<String> splitProvenance(String provenance) {
        if (provenance == null || provenance.isBlank()) return List.of();
        return List.of(provenance.strip().split("\\s*,\\s*"));
    }
}
