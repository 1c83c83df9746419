package dev.kairos.dream;

import dev.kairos.config.Config;
import dev.kairos.config.Workspace;
import dev.kairos.memory.Embedder;
import dev.kairos.model.ModelClient;
import dev.kairos.store.Store;
import dev.kairos.testkit.SettableClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A real workspace (memory/ a git repository) and state.db in a temp dir, the real embedder, a settable clock. */
final class DreamFixture {
    static final Embedder EMBEDDER = Embedder.local(Path.of("target", "test-cache"));

    final Path home;
    final Path memory;
    final Store store;
    final SettableClock clock;
    Config.Dream config = Config.Dream.DEFAULT;

    DreamFixture(Path home, String now) {
        this.home = home;
        new Workspace(home).init();
        this.memory = home.resolve("memory");
        this.store = Store.open(home.resolve("state.db"));
        this.clock = SettableClock.at(now);
    }

    Dream dream() {
        return new Dream(setup());
    }

    Dream.Setup setup() {
        return new Dream.Setup(memory, home.resolve("dream.lock"), store.jdbi(), EMBEDDER, config, ZoneOffset.UTC,
                clock, () -> {});
    }

    /** A dream whose small model is {@code model}. */
    Dream dream(ModelClient model) {
        return new Dream(new Dream.Setup(memory, home.resolve("dream.lock"), store.jdbi(), EMBEDDER, config,
                ZoneOffset.UTC, clock, () -> {}, () -> java.util.Optional.of(model)));
    }

    /** The dream's config with another token cap. */
    void maxTokens(int cap) {
        Config.Dream d = config;
        config = new Config.Dream(d.at(), d.window(), d.idleAfter(), d.minSessions(), d.minEntries(), d.retentionDays(),
                cap);
    }

    Path write(String relative, String content) {
        Path file = memory.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** A journal day with the given lines ("HH:MM text (provenance)"), its file last changed at {@code changed}. */
    Path day(String date, Instant changed, String... lines) {
        StringBuilder sb = new StringBuilder("# " + date + "\n\n");
        for (String l : lines) sb.append("- ").append(l).append('\n');
        Path p = write("journal/" + date + ".md", sb.toString());
        try {
            Files.setLastModifiedTime(p, FileTime.from(changed));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    String read(String relative) {
        try {
            return Files.readString(memory.resolve(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every file under memory/ but .git, as bytes by relative path. */
    Map<String, String> files() {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(memory)) {
            walk.filter(Files::isRegularFile).forEach(p -> {
                String rel = memory.relativize(p).toString();
                if (rel.startsWith(".git/")) return;
                try {
                    out.put(rel, java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
