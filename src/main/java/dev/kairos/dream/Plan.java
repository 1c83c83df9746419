package dev.kairos.dream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/**
 * What a dream would change: memory/'s markdown before and after, by relative path (absent: no such file). Nothing
 * is written until {@link #apply}; a dry run prints {@link #diff}.
 */
record Plan(TreeMap<String, String> before, TreeMap<String, String> after) {

    List<String> changed() {
        TreeSet<String> paths = new TreeSet<>(before.keySet());
        paths.addAll(after.keySet());
        return paths.stream().filter(p -> !Objects.equals(before.get(p), after.get(p))).toList();
    }

    boolean empty() {
        return changed().isEmpty();
    }

    /** A unified diff, files in path order; a file moved unchanged (a journal day archived) is one line. */
    String diff() {
        StringBuilder sb = new StringBuilder();
        List<String> changed = changed();
        List<String> moved = new ArrayList<>();
        for (String p : changed) {
            String gone = before.get(p);
            if (gone == null || after.containsKey(p)) continue;
            for (String q : changed) {
                if (!before.containsKey(q) && gone.equals(after.get(q))) {
                    sb.append("rename ").append(p).append(" => ").append(q).append('\n');
                    moved.add(p);
                    moved.add(q);
                    break;
                }
            }
        }
        for (String p : changed) {
            if (moved.contains(p)) continue;
            String a = before.getOrDefault(p, "");
            String b = after.getOrDefault(p, "");
            sb.append("--- ").append(before.containsKey(p) ? "a/" + p : "/dev/null").append('\n');
            sb.append("+++ ").append(after.containsKey(p) ? "b/" + p : "/dev/null").append('\n');
            sb.append(unified(a, b));
        }
        return sb.toString();
    }

    /** Writes the changed files (each whole, through a temporary file), then deletes the removed ones. */
    void apply(Path dir) throws IOException {
        List<String> changed = changed();
        for (String p : changed) {
            String text = after.get(p);
            if (text == null) continue;
            Path file = dir.resolve(p);
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling("." + file.getFileName() + ".dream-tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        for (String p : changed) {
            if (!after.containsKey(p)) Files.deleteIfExists(dir.resolve(p));
        }
    }

    /** Bytes of the files in the default context (archive/ left out), before or after. */
    static long bytes(Map<String, String> tree) {
        return tree.entrySet().stream().filter(e -> !e.getKey().startsWith(MemoryTree.ARCHIVE))
                .mapToLong(e -> e.getValue().getBytes(StandardCharsets.UTF_8).length).sum();
    }

    private static String unified(String before, String after) {
        RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(out)) {
            f.setContext(2);
            f.format(edits, a, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
