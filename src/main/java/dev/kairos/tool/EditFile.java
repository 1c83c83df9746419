package dev.kairos.tool;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

/** {@code edit_file {path, old, new}}: replaces the one exact occurrence of {@code old}; answers with the diff. */
final class EditFile implements Tool {
    private static final ObjectNode SCHEMA = Schema.object()
            .string("path", true)
            .string("old", true)
            .string("new", true).build();

    @Override
    public String name() {
        return "edit_file";
    }

    @Override
    public String description() {
        return "Replace old with new in a file. old must occur exactly once, whitespace included; add surrounding "
                + "lines to make it unique.";
    }

    @Override
    public ObjectNode inputSchema() {
        return SCHEMA.deepCopy();
    }

    @Override
    public Risk risk() {
        return Risk.WRITE;
    }

    @Override
    public ToolResult call(ObjectNode input, ToolContext ctx) {
        String given = Schema.text(input, "path");
        String old = Schema.text(input, "old");
        String replacement = Schema.text(input, "new");
        if (old.isEmpty()) throw new ToolFailure("'old' is empty; to write a whole file use write_file");
        Path file = Access.writable(ctx, given);
        if (!Files.isRegularFile(file)) throw new ToolFailure("no such file: " + given);
        try {
            String before = Files.readString(file);
            List<Integer> at = occurrences(before, old);
            if (at.isEmpty()) {
                throw new ToolFailure("the old text is not in " + given + "; read the file and copy the text exactly, "
                        + "including whitespace and line breaks");
            }
            if (at.size() > 1) {
                throw new ToolFailure("the old text occurs " + at.size() + " times in " + given + " (lines "
                        + String.join(", ", at.stream().limit(10).map(i -> String.valueOf(lineOf(before, i))).toList())
                        + "); include more of the surrounding lines so it occurs once");
            }
            String after = before.substring(0, at.getFirst()) + replacement
                    + before.substring(at.getFirst() + old.length());
            Files.writeString(file, after);
            return ToolResult.ok(diff(Access.show(ctx, file), before, after));
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ToolFailure(given + " is not UTF-8 text; edit_file changes text files only");
        } catch (IOException e) {
            throw new ToolFailure("cannot edit " + given + ": " + e.getMessage());
        }
    }

    static String diff(String name, String before, String after) {
        RawText a = new RawText(before.getBytes(StandardCharsets.UTF_8));
        RawText b = new RawText(after.getBytes(StandardCharsets.UTF_8));
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DiffFormatter f = new DiffFormatter(out)) {
            f.setContext(3);
            f.format(edits, a, b);
        } catch (IOException e) {
            throw new IllegalStateException("cannot format a diff in memory", e);
        }
        String hunks = out.toString(StandardCharsets.UTF_8);
        if (hunks.isEmpty()) return "no change: the new text equals the old";
        return "--- a/" + name + "\n+++ b/" + name + "\n" + hunks;
    }

    private static List<Integer> occurrences(String text, String part) {
        List<Integer> at = new ArrayList<>();
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) at.add(i);
        return at;
    }

    private static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index; i++) if (text.charAt(i) == '\n') line++;
        return line;
    }
}
