package dev.kairos.memory;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.nio.file.Path;

/** A memory file's text read into items exactly as the index reads it, for code that rewrites memory files. */
public final class MemoryText {
    private static final MemoryFiles FILES = new MemoryFiles(Path.of("."), ZoneOffset.UTC);

    private MemoryText() {}

    /**
     * The items of {@code content}, in file order; {@code path} is relative to the memory folder and decides how
     * lines read (a journal bullet starts with its time). Items without a date of their own take {@code fallback}.
     */
    public static List<MemoryItem> items(String path, String content, LocalDate fallback) {
        return FILES.parse(path, content, fallback).stream()
                .map(e -> new MemoryItem(e.text(), 0, e.date(), e.path(), e.provenance(), e.trust()))
                .toList();
    }
}
