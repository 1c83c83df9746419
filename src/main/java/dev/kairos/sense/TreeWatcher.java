package dev.kairos.sense;

import static java.nio.file.StandardWatchEventKinds.ENTRY_CREATE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_DELETE;
import static java.nio.file.StandardWatchEventKinds.ENTRY_MODIFY;
import static java.nio.file.StandardWatchEventKinds.OVERFLOW;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The thread that listens to the operating system's file events for the watched folders (every folder below them
 * registered, new ones as they appear), records changes in their {@link Folder}, and wakes the heartbeat once the
 * changes have stopped for the debounce window.
 */
final class TreeWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TreeWatcher.class);

    private final WatchService service;
    private final InstantSource clock;
    private final long debounceNanos;
    private final Runnable wake;
    /** Each watched directory's key, and the folders it belongs to (more than one when watches nest). */
    private final Map<WatchKey, Set<Folder>> keys = new HashMap<>(); // guarded by itself
    private final Thread thread;

    private TreeWatcher(WatchService service, InstantSource clock, Duration debounce, Runnable wake) {
        this.service = service;
        this.clock = clock;
        this.debounceNanos = debounce.toNanos();
        this.wake = wake;
        this.thread = Thread.ofPlatform().daemon().name("kairos-files").unstarted(this::listen);
    }

    /** @throws IOException or UnsupportedOperationException when this file system has no watch service */
    static TreeWatcher start(InstantSource clock, Duration debounce, Runnable wake) throws IOException {
        TreeWatcher watcher = new TreeWatcher(FileSystems.getDefault().newWatchService(), clock, debounce, wake);
        watcher.thread.start();
        return watcher;
    }

    /** Registers the folder and every folder below it that is not ignored; on failure, none of them. */
    void register(Folder folder) throws IOException {
        try {
            registerTree(folder, folder.root());
        } catch (IOException | RuntimeException e) {
            unregister(folder);
            throw e;
        }
    }

    void unregister(Folder folder) {
        synchronized (keys) {
            keys.entrySet().removeIf(e -> {
                if (!e.getValue().remove(folder) || !e.getValue().isEmpty()) return false;
                e.getKey().cancel();
                return true;
            });
        }
    }

    boolean isAlive() {
        return thread.isAlive();
    }

    @Override
    public void close() {
        try {
            service.close();
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (IOException e) {
            log.warn("cannot close the file watcher reason={}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Registers the folders at and below {@code start}; returns the files found in them. */
    private Map<String, Folder.Stamp> registerTree(Folder folder, Path start) throws IOException {
        Folder.Tree tree = folder.scan(start);
        synchronized (keys) {
            for (Path dir : tree.directories()) {
                WatchKey key = dir.register(service, ENTRY_CREATE, ENTRY_DELETE, ENTRY_MODIFY);
                keys.computeIfAbsent(key, k -> new HashSet<>()).add(folder);
            }
        }
        return tree.files();
    }

    private void listen() {
        long quietAt = 0;
        boolean owed = false;
        try {
            while (true) {
                WatchKey key;
                if (owed) {
                    long wait = quietAt - System.nanoTime();
                    if (wait <= 0) {
                        owed = false;
                        wake.run();
                        continue;
                    }
                    key = service.poll(wait, TimeUnit.NANOSECONDS);
                } else {
                    key = service.take();
                }
                if (key != null && handle(key)) {
                    owed = true;
                    quietAt = System.nanoTime() + debounceNanos;
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException e) {
            // closed: the sensor is shutting down
        } catch (RuntimeException e) {
            log.warn("file watcher stopped reason={}", e.toString());
        }
    }

    /** Records the key's changes; true when any of them is a change to report. */
    private boolean handle(WatchKey key) {
        List<Folder> folders;
        synchronized (keys) {
            folders = List.copyOf(keys.getOrDefault(key, Set.of()));
        }
        Path dir = (Path) key.watchable();
        boolean relevant = false;
        for (WatchEvent<?> event : key.pollEvents()) {
            for (Folder folder : folders) relevant |= handle(folder, dir, event);
        }
        if (!key.reset()) {
            synchronized (keys) {
                keys.remove(key);
            }
        }
        return relevant;
    }

    private boolean handle(Folder folder, Path dir, WatchEvent<?> event) {
        if (event.kind() == OVERFLOW) { // too much at once: say where, if not what
            folder.changed(dir.equals(folder.root()) ? "." : folder.relative(dir), clock.instant());
            return true;
        }
        Path path = dir.resolve((Path) event.context());
        String rel = folder.relative(path);
        boolean directory = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        if (folder.rules().ignored(rel, directory)) return false;
        if (directory) return event.kind() == ENTRY_CREATE && newDirectory(folder, path);
        if (event.kind() == ENTRY_DELETE && wasDirectory(path)) return false; // its files report themselves
        folder.changed(rel, clock.instant());
        return true;
    }

    /** Watches a new folder too; files created in it before it was registered count as changed. */
    private boolean newDirectory(Folder folder, Path dir) {
        try {
            Set<String> files = new java.util.TreeSet<>(registerTree(folder, dir).keySet());
            // a file written between the scan and the registration raised no event: a second look finds it
            files.addAll(folder.scan(dir).files().keySet());
            files.forEach(rel -> folder.changed(rel, clock.instant()));
            return !files.isEmpty();
        } catch (IOException e) {
            log.warn("cannot watch new folder dir={} reason={}", dir, e.getMessage());
            return false;
        }
    }

    private boolean wasDirectory(Path path) {
        synchronized (keys) {
            return keys.keySet().stream().anyMatch(k -> k.watchable().equals(path));
        }
    }
}
