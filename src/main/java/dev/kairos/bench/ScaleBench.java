package dev.kairos.bench;

import dev.kairos.memory.Embedder;
import dev.kairos.memory.Memory;
import dev.kairos.model.Tokens;
import dev.kairos.store.Store;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * How search grows with the memory: synthetic journal items (sentences drawn from a Zipf-distributed vocabulary,
 * one hundred a day) are indexed at each size, then timed queries measure search and packing latency, and the
 * index's footprint is taken (vectors in memory, the SQLite file, heap after a GC).
 *
 * <p>Vectors come from a synthetic embedder (a seeded random unit vector per text) so 100,000 items index in
 * seconds; the search path is the real one. The local model's own query cost is measured separately.
 */
public final class ScaleBench {
    private static final int ITEMS_PER_DAY = 100;
    private static final int QUERIES = 300;
    private static final int WARMUP = 50;

    private final Path workDir;
    private final Embedder queryModel;

    /** {@code queryModel}: the embedder whose per-query cost is reported beside the index's; null to skip it. */
    public ScaleBench(Path workDir, Embedder queryModel) {
        this.workDir = workDir;
        this.queryModel = queryModel;
    }

    public ScaleReport run(List<Integer> sizes, int budget) {
        // The tokenizer's tables (tens of MB) load once a process: loaded now, they are not the first size's heap.
        Tokens.count("load the tokenizer");
        List<ScaleReport.Size> out = new ArrayList<>();
        for (int n : sizes) out.add(runSize(n, budget));
        return new ScaleReport(budget, out, queryModel == null ? null : modelQueryCost());
    }

    private ScaleReport.Size runSize(int n, int budget) {
        Path dir = workDir.resolve("scale-" + n);
        try {
            WorkDir.deleteRecursively(dir);
            Path memoryDir = dir.resolve("memory");
            Vocabulary words = new Vocabulary(new SplittableRandom(42));
            writeJournal(memoryDir, n, words);
            Store store = Store.open(dir.resolve("state.db"));
            long heapBefore = usedHeap();
            long t0 = System.nanoTime();
            try (Memory memory = new Memory(memoryDir, store.jdbi(), ZoneOffset.UTC, new SyntheticEmbedder())) {
                int items = memory.reindex();
                double indexSeconds = (System.nanoTime() - t0) / 1e9;
                long heap = usedHeap() - heapBefore;
                LocalDate today = LocalDate.of(2026, 1, 1).plusDays(n / ITEMS_PER_DAY);
                SplittableRandom rnd = new SplittableRandom(7);
                for (int i = 0; i < WARMUP; i++) memory.pack(words.query(rnd), budget, today);
                List<Double> search = new ArrayList<>();
                List<Double> pack = new ArrayList<>();
                for (int i = 0; i < QUERIES; i++) {
                    String q = words.query(rnd);
                    long s = System.nanoTime();
                    memory.search(q, 10, today);
                    search.add((System.nanoTime() - s) / 1e6);
                    s = System.nanoTime();
                    memory.pack(q, budget, today);
                    pack.add((System.nanoTime() - s) / 1e6);
                }
                search.sort(null);
                pack.sort(null);
                return new ScaleReport.Size(items, indexSeconds, Tally.percentile(search, 0.5),
                        Tally.percentile(search, 0.99), Tally.percentile(pack, 0.5), Tally.percentile(pack, 0.99),
                        memory.stats().vectorBytes(), Files.size(store.file()) + walSize(store.file()), heap);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("scale bench at " + n + " items under " + dir + ": " + e.getMessage(), e);
        }
    }

    private ScaleReport.ModelCost modelQueryCost() {
        Vocabulary words = new Vocabulary(new SplittableRandom(3));
        SplittableRandom rnd = new SplittableRandom(11);
        queryModel.embed(List.of("warm up the model"));
        for (int i = 0; i < 20; i++) queryModel.embed(List.of(words.query(rnd)));
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String q = words.query(rnd);
            long s = System.nanoTime();
            queryModel.embed(List.of(q));
            ms.add((System.nanoTime() - s) / 1e6);
        }
        ms.sort(null);
        return new ScaleReport.ModelCost(queryModel.id(), Tally.percentile(ms, 0.5), Tally.percentile(ms, 0.99));
    }

    private static void writeJournal(Path memoryDir, int n, Vocabulary words) throws IOException {
        Path journal = memoryDir.resolve("journal");
        Files.createDirectories(journal);
        LocalDate day = LocalDate.of(2026, 1, 1);
        SplittableRandom rnd = new SplittableRandom(1);
        for (int written = 0; written < n; day = day.plusDays(1)) {
            try (BufferedWriter w = Files.newBufferedWriter(journal.resolve(day + ".md"))) {
                w.write("# " + day + "\n\n");
                for (int i = 0; i < ITEMS_PER_DAY && written < n; i++, written++) {
                    w.write(String.format("- %02d:%02d %s (chat:turn-%d)%n", 8 + i / 10, i % 60, words.sentence(rnd),
                            written));
                }
            }
        }
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long walSize(Path db) throws IOException {
        Path wal = db.resolveSibling(db.getFileName() + "-wal");
        return Files.exists(wal) ? Files.size(wal) : 0;
    }


    /** Words with Zipf-like frequencies, so full-text queries hit common and rare terms as in real notes. */
    private static final class Vocabulary {
        private final String[] words = new String[5000];
        private final double[] cumulative = new double[words.length];

        Vocabulary(SplittableRandom rnd) {
            String letters = "abcdefghijklmnoprstuvwy";
            double sum = 0;
            for (int i = 0; i < words.length; i++) {
                StringBuilder w = new StringBuilder();
                int len = 3 + rnd.nextInt(7);
                for (int k = 0; k < len; k++) w.append(letters.charAt(rnd.nextInt(letters.length())));
                words[i] = w.toString();
                sum += 1.0 / (i + 1);
                cumulative[i] = sum;
            }
            for (int i = 0; i < words.length; i++) cumulative[i] /= sum;
        }

        String word(SplittableRandom rnd) {
            int i = java.util.Arrays.binarySearch(cumulative, rnd.nextDouble());
            return words[Math.min(words.length - 1, i < 0 ? -i - 1 : i)];
        }

        String sentence(SplittableRandom rnd) {
            int len = 8 + rnd.nextInt(17);
            StringBuilder s = new StringBuilder(word(rnd));
            for (int i = 1; i < len; i++) s.append(' ').append(word(rnd));
            return s.toString();
        }

        String query(SplittableRandom rnd) {
            int len = 3 + rnd.nextInt(6);
            StringBuilder s = new StringBuilder(word(rnd));
            for (int i = 1; i < len; i++) s.append(' ').append(word(rnd));
            return s.toString();
        }
    }

    /** A seeded random unit vector per text: the shape of real embeddings without the model's cost. */
    static final class SyntheticEmbedder implements Embedder {
        @Override
        public String id() {
            return "synthetic-384";
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            List<float[]> out = new ArrayList<>(texts.size());
            for (String t : texts) {
                Random r = new Random(t.hashCode());
                float[] v = new float[384];
                double sum = 0;
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) r.nextGaussian();
                    sum += v[i] * v[i];
                }
                float inv = (float) (1 / Math.sqrt(sum));
                for (int i = 0; i < v.length; i++) v[i] *= inv;
                out.add(v);
            }
            return out;
        }
    }
}
