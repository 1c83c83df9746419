package dev.kairos.sense;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A text file's lines, read leniently: a line that is not valid UTF-8 is kept with U+FFFD for its bad bytes and its
 * 1-based number is listed, so one stray byte spoils one line, not the whole file.
 */
record Utf8Lines(List<String> lines, Set<Integer> notUtf8) {
    static final String NOT_UTF8 = "not UTF-8 (a byte that is not valid UTF-8, as in a file saved as Latin-1 or "
            + "Windows-1252)";

    static Utf8Lines read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        List<String> lines = new ArrayList<>();
        Set<Integer> bad = new TreeSet<>();
        for (int start = 0; start < bytes.length; ) {
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') end++;
            int length = end > start && bytes[end - 1] == '\r' ? end - start - 1 : end - start;
            ByteBuffer line = ByteBuffer.wrap(bytes, start, length);
            try {
                lines.add(StandardCharsets.UTF_8.newDecoder().decode(line).toString());
            } catch (CharacterCodingException e) {
                bad.add(lines.size() + 1);
                lines.add(StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                        .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(line.rewind()).toString());
            }
            start = end + 1;
        }
        return new Utf8Lines(List.copyOf(lines), Set.copyOf(bad));
    }
}
