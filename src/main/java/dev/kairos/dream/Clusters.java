package dev.kairos.dream;

import dev.kairos.memory.Embedder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Near-duplicates by meaning: notes whose vectors are within {@link #NEAR} and that hold the same numbers say the
 * same thing ("starts on December 18" and "... 19" sit at 0.98, so numbers must match too). Each cluster keeps its
 * most complete sentence verbatim, with the provenance of all.
 */
final class Clusters {
    static final double NEAR = 0.95;
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

    private final Embedder embedder;

    Clusters(Embedder embedder) {
        this.embedder = embedder;
    }

    /** The notes with each cluster folded into one; pinned and past notes are never folded. */
    Folded fold(List<Note> notes) {
        List<Integer> open = new ArrayList<>();
        for (int i = 0; i < notes.size(); i++) {
            if (!notes.get(i).pinned() && !notes.get(i).past()) open.add(i);
        }
        List<float[]> vectors = open.isEmpty() ? List.of()
                : embedder.embed(open.stream().map(i -> notes.get(i).text()).toList());
        int[] parent = new int[notes.size()];
        for (int i = 0; i < parent.length; i++) parent[i] = i;
        Map<String, List<Integer>> byNumbers = new LinkedHashMap<>();
        for (int a = 0; a < open.size(); a++) {
            Note na = notes.get(open.get(a));
            String key = numbers(na.text());
            List<Integer> same = byNumbers.computeIfAbsent(key, k -> new ArrayList<>());
            for (int b : same) {
                if (normalized(na.text()).equals(normalized(notes.get(open.get(b)).text()))
                        || dot(vectors.get(a), vectors.get(b)) >= NEAR) {
                    union(parent, open.get(a), open.get(b));
                }
            }
            same.add(a);
        }
        Map<Integer, List<Note>> clusters = new LinkedHashMap<>();
        for (int i = 0; i < notes.size(); i++) clusters.computeIfAbsent(find(parent, i), r -> new ArrayList<>())
                .add(notes.get(i));
        List<Note> out = new ArrayList<>();
        int merged = 0;
        for (List<Note> members : clusters.values()) {
            if (members.size() == 1) {
                out.add(members.getFirst());
                continue;
            }
            Note keep = members.stream().max(Comparator.comparingInt((Note n) -> n.text().length())
                    .thenComparing(Note::date, Comparator.reverseOrder())).orElseThrow();
            List<Note> others = new ArrayList<>(members);
            others.remove(keep);
            out.add(keep.absorbing(others));
            merged += (int) others.stream().filter(o -> !keep.provenance().containsAll(o.provenance())).count();
        }
        return new Folded(out, merged);
    }

    record Folded(List<Note> notes, int merged) {}

    private static String numbers(String text) {
        return String.join(",", NUMBER.matcher(text).results().map(MatchResult::group).toList());
    }

    static String normalized(String text) {
        return NOT_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ").strip();
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static void union(int[] parent, int a, int b) {
        parent[find(parent, a)] = find(parent, b);
    }
}
