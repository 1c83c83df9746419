package dev.kairos.memory;

import dev.kairos.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A memory folder and state.db in a temp dir, with the real local embedder (loaded once for all tests). */
final class MemoryFixture implements AutoCloseable {
    static final Embedder EMBEDDER = Embedder.local(Path.of("target", "test-cache"));

    final Path dir;
    final Path memoryDir;
    final Store store;
    final CountingEmbedder embedder = new CountingEmbedder(EMBEDDER);
    final Memory memory;

    MemoryFixture(Path tmp) {
        this.dir = tmp;
        this.memoryDir = tmp.resolve("memory");
        this.store = Store.open(tmp.resolve("state.db"));
        this.memory = new Memory(memoryDir, store.jdbi(), ZoneOffset.UTC, embedder);
    }

    Path write(String relative, String content) {
        Path file = memoryDir.resolve(relative);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            // Two writes within a file system's mtime granularity must still count as a change: bump the time.
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(
                    System.currentTimeMillis() + BUMP.incrementAndGet() * 1000L));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static final AtomicInteger BUMP = new AtomicInteger();

    @Override
    public void close() {
        memory.close();
    }

    /** Counts texts embedded, to prove an edit re-embeds only what changed. */
    static final class CountingEmbedder implements Embedder {
        private final Embedder real;
        final AtomicInteger texts = new AtomicInteger();

        CountingEmbedder(Embedder real) {
            this.real = real;
        }

        @Override
        public String id() {
            return real.id();
        }

        @Override
        public List<float[]> embed(List<String> batch) {
            texts.addAndGet(batch.size());
            return real.embed(batch);
        }
    }
}
