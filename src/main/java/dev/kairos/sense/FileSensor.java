package dev.kairos.sense;

import dev.kairos.event.Event;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices files changing in the watched folders ({@code files.changed}, one event per folder and burst of
 * changes). Changes are collected until the folder has been quiet for the debounce window, then reported together.
 * Noise is left out: {@code .git}, {@code target}, {@code build}, {@code node_modules}, {@code .idea}, {@code *.swp},
 * {@code *~}, whatever the folder's {@code .gitignore} files ignore, and the extra patterns given. What is in a
 * folder when it is first seen is the baseline: nothing is reported for it.
 */
public final class FileSensor implements Sensor {
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(FileSensor.class);

    /** How changes are noticed. */
    public enum Detection {
        /** The operating system reports changes as they happen and the heartbeat is woken; polling where it fails. */
        WATCH_SERVICE,
        /** Each poll compares sizes and modification times with the previous one. */
        POLLING
    }

    private final Supplier<List<Watch>> watches;
    private final InstantSource clock;
    private final Detection detection;
    private final Duration debounce;
    private final List<String> extraIgnores;
    private final Map<Path, Folder> folders = new LinkedHashMap<>();
    private final Set<Path> warned = new HashSet<>();
    private TreeWatcher watcher;
    private boolean watcherUnavailable;
    private volatile Runnable wake = () -> {};

    public FileSensor(Supplier<List<Watch>> watches, InstantSource clock, Detection detection) {
        this(watches, clock, detection, DEFAULT_DEBOUNCE, List.of());
    }

    /** @param extraIgnores patterns in gitignore syntax, e.g. {@code *.log} or {@code /dist/} */
    public FileSensor(Supplier<List<Watch>> watches, InstantSource clock, Detection detection, Duration debounce,
            List<String> extraIgnores) {
        this.watches = watches;
        this.clock = clock;
        this.detection = detection;
        this.debounce = debounce;
        this.extraIgnores = List.copyOf(extraIgnores);
    }

    @Override
    public String name() {
        return "files";
    }

    @Override
    public synchronized List<Event> poll(Instant now) {
        Set<Path> wanted = new LinkedHashSet<>();
        watches.get().forEach(w -> wanted.add(w.path()));
        folders.keySet().removeIf(path -> {
            if (wanted.contains(path)) return false;
            if (watcher != null) watcher.unregister(folders.get(path));
            return true;
        });
        for (Path path : wanted) {
            if (!folders.containsKey(path)) follow(path);
        }
        List<Event> events = new ArrayList<>();
        for (Folder folder : folders.values()) {
            try {
                if (folder.polled()) folder.rescan(now);
                folder.flush(now, debounce).ifPresent(events::add);
                warned.remove(folder.root());
            } catch (IOException | RuntimeException e) {
                warnOnce(folder.root(), e.toString());
            }
        }
        return events;
    }

    @Override
    public void onWake(Runnable wake) {
        this.wake = wake;
    }

    /** Stops the watcher thread. */
    @Override
    public synchronized void close() {
        if (watcher != null) watcher.close();
    }

    /** Whether the watcher thread runs (for tests). */
    synchronized boolean watching() {
        return watcher != null && watcher.isAlive();
    }

    /** First sight: what is there now is the baseline. */
    private void follow(Path path) {
        if (!Files.isDirectory(path)) {
            warnOnce(path, "the folder is missing");
            return;
        }
        Folder folder = new Folder(path, new IgnoreRules(path, extraIgnores));
        try {
            if (detection == Detection.WATCH_SERVICE && watcher() != null) {
                try {
                    watcher.register(folder);
                    folders.put(path, folder);
                    return;
                } catch (IOException | RuntimeException e) {
                    log.warn("cannot watch folder, polling it instead path={} reason={}", path, e.getMessage());
                }
            }
            folder.baseline();
            folders.put(path, folder);
            warned.remove(path);
        } catch (IOException | RuntimeException e) {
            warnOnce(path, e.toString());
        }
    }

    private TreeWatcher watcher() {
        if (watcher == null && !watcherUnavailable) {
            try {
                watcher = TreeWatcher.start(clock, debounce, () -> wake.run());
            } catch (IOException | UnsupportedOperationException e) {
                watcherUnavailable = true;
                log.warn("file watching is unavailable, polling instead reason={}", e.getMessage());
            }
        }
        return watcher;
    }

    private void warnOnce(Path path, String reason) {
        if (warned.add(path)) log.warn("cannot read watched folder path={} reason={}", path, reason);
    }
}
