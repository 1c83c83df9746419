package dev.kairos.sense;

import dev.kairos.json.Json;
import dev.kairos.event.Event;
import dev.kairos.event.Trust;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One watched folder: the changes seen in it and not yet reported, and (when it is polled rather than watched) the
 * sizes and modification times it had at the last look. Changes may arrive from the watcher thread.
 */
final class Folder {
    static final int MAX_PATHS = 100;
    private static final int NAMES_IN_SUMMARY = 5;

    record Stamp(long size, FileTime modified) {}

    private final Path root;
    private final IgnoreRules rules;
    private final TreeSet<String> pending = new TreeSet<>();
    private Instant lastChange = Instant.MIN;
    private Map<String, Stamp> snapshot;

    Folder(Path root, IgnoreRules rules) {
        this.root = root;
        this.rules = rules;
    }

    Path root() {
        return root;
    }

    IgnoreRules rules() {
        return rules;
    }

    String relative(Path path) {
        return root.relativize(path).toString().replace('\\', '/');
    }

    /** Polling from now on: the current state of the tree is the baseline. */
    void baseline() throws IOException {
        snapshot = scan(root).files();
    }

    boolean polled() {
        return snapshot != null;
    }

    /** Compares the tree with the last look; what differs counts as changed at {@code now}. */
    void rescan(Instant now) throws IOException {
        Map<String, Stamp> current = scan(root).files();
        Set<String> paths = new HashSet<>(current.keySet());
        paths.addAll(snapshot.keySet());
        for (String path : paths) {
            if (!Objects.equals(current.get(path), snapshot.get(path))) changed(path, now);
        }
        snapshot = current;
    }

    synchronized void changed(String rel, Instant at) {
        pending.add(rel);
        if (rel.equals(".gitignore") || rel.endsWith("/.gitignore")) rules.reload();
        if (at.isAfter(lastChange)) lastChange = at;
    }

    record Tree(List<Path> directories, Map<String, Stamp> files) {}

    /** The folders and files at and below {@code start}, leaving out what is ignored. */
    Tree scan(Path start) throws IOException {
        List<Path> directories = new ArrayList<>();
        Map<String, Stamp> files = new HashMap<>();
        Files.walkFileTree(start, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(root) && rules.matches(relative(dir), true)) return FileVisitResult.SKIP_SUBTREE;
                directories.add(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String rel = relative(file);
                if (!rules.matches(rel, false)) files.put(rel, new Stamp(attrs.size(), attrs.lastModifiedTime()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // vanished or unreadable meanwhile
            }
        });
        return new Tree(directories, files);
    }

    /** One {@code files.changed} event for everything seen, once nothing has changed for {@code debounce}. */
    synchronized Optional<Event> flush(Instant now, Duration debounce) {
        pending.removeIf(p -> rules.ignored(p, false)); // a .gitignore may have changed since
        if (pending.isEmpty() || now.isBefore(lastChange.plus(debounce))) return Optional.empty();
        List<String> paths = List.copyOf(pending);
        pending.clear();
        StringBuilder signature = new StringBuilder();
        for (String path : paths) signature.append(path).append('\0').append(modified(path)).append('\n');
        String name = root.getFileName() == null ? root.toString() : root.getFileName().toString();
        String names = String.join(", ", paths.subList(0, Math.min(NAMES_IN_SUMMARY, paths.size())))
                + (paths.size() > NAMES_IN_SUMMARY ? " and " + (paths.size() - NAMES_IN_SUMMARY) + " more" : "");
        String summary = paths.size() + (paths.size() == 1 ? " file" : " files") + " changed in " + name + ": " + names;
        var payload = Json.object().put("folder", root.toString()).put("count", paths.size());
        payload.putArray("paths").addAll(paths.stream().limit(MAX_PATHS).map(payload::textNode).toList());
        return Optional.of(Event.observed("files", "files.changed", root + ":" + Digest.hex(signature.toString(), 16),
                now, Trust.TRUSTED, summary, Json.write(payload)));
    }

    private String modified(String rel) {
        try {
            return Long.toString(Files.getLastModifiedTime(root.resolve(rel), LinkOption.NOFOLLOW_LINKS).toMillis());
        } catch (IOException e) {
            return "deleted";
        }
    }
}
