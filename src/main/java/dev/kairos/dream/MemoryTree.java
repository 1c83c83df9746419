package dev.kairos.dream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The markdown files of memory/ as text by relative path ('/'-separated); hidden files and archive/ left out. */
final class MemoryTree {
    static final String ARCHIVE = "archive/";

    private MemoryTree() {}

    static TreeMap<String, String> read(Path dir) {
        TreeMap<String, String> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) return out;
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = dir.relativize(p).toString().replace(java.io.File.separatorChar, '/');
                if (!rel.endsWith(".md") || rel.startsWith(".") || rel.contains("/.") || rel.startsWith(ARCHIVE)
                        || !Files.isRegularFile(p)) {
                    continue;
                }
                out.put(rel, Files.readString(p, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the memory folder " + dir + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** One file's text, or empty when it does not exist (for the archive files a dream appends to). */
    static String file(Path dir, String rel) {
        Path p = dir.resolve(rel);
        try {
            return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + p + ": " + e.getMessage(), e);
        }
    }

    static Map<String, String> copy(Map<String, String> tree) {
        return new TreeMap<>(tree);
    }
}
