package dev.kairos.memory;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every item's embedding in memory, quantized to one signed byte a dimension with a scale per vector (a quarter of
 * float32's size; cosine errors around 1e-3, far below what separates a hit from a miss). Search is exact: a scan of
 * one contiguous array, which on one core stays in the tens of milliseconds at 100,000 items and needs no tuning.
 * Not thread-safe: {@link Memory} guards it.
 */
final class VectorIndex {
    private int dims;
    private byte[] data = new byte[0];
    private float[] scales = new float[0];
    private long[] ids = new long[0];
    /** Whether the item in a slot lives in archive/: out of every default context, so out of its rankings. */
    private boolean[] archived = new boolean[0];
    private int size;
    private final Map<Long, Integer> slots = new HashMap<>();

    int dims() {
        return dims;
    }

    int size() {
        return size;
    }

    /** Bytes held by the vectors, their scales, ids and slot map (an estimate for the map). */
    long bytes() {
        return (long) data.length + scales.length * 4L + ids.length * 8L + archived.length + slots.size() * 64L;
    }

    void put(long id, byte[] blob) {
        put(id, blob, false);
    }

    void put(long id, byte[] blob, boolean inArchive) {
        if (dims == 0) dims = blob.length - 4;
        if (blob.length - 4 != dims) {
            throw new IllegalStateException("vector of " + (blob.length - 4) + " dimensions in an index of " + dims);
        }
        Integer slot = slots.get(id);
        int s = slot != null ? slot : size++;
        ensureCapacity(size);
        ByteBuffer b = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        scales[s] = b.getFloat();
        b.get(data, s * dims, dims);
        ids[s] = id;
        archived[s] = inArchive;
        slots.put(id, s);
    }

    void remove(long id) {
        Integer slot = slots.remove(id);
        if (slot == null) return;
        int last = --size;
        if (slot != last) {
            System.arraycopy(data, last * dims, data, slot * dims, dims);
            scales[slot] = scales[last];
            ids[slot] = ids[last];
            archived[slot] = archived[last];
            slots.put(ids[slot], slot);
        }
    }

    void clear() {
        slots.clear();
        size = 0;
        dims = 0;
    }

    /** Where an item's vector sits, for {@link #cosine}; -1 when it has none. Valid until the next change. */
    int slot(long id) {
        Integer s = slots.get(id);
        return s == null ? -1 : s;
    }

    /** Cosine of the (quantized) vectors in two slots. */
    double cosine(int a, int b) {
        byte[] d = data;
        int offA = a * dims, offB = b * dims, dot = 0;
        for (int i = 0; i < dims; i++) dot += d[offA + i] * d[offB + i];
        return dot * (double) scales[a] * scales[b];
    }

    /** The {@code k} items nearest to {@code query} (unit length), best first, archive/ included. */
    Hit[] nearest(float[] query, int k) {
        return nearest(query, k, true);
    }

    /** As {@link #nearest(float[], int)}; without {@code withArchive}, items in archive/ are passed over. */
    Hit[] nearest(float[] query, int k, boolean withArchive) {
        if (size == 0) return new Hit[0];
        if (query.length != dims) throw new IllegalStateException("query of " + query.length + " dimensions, index " + dims);
        byte[] quantized = new byte[dims];
        float qScale = quantize(query, quantized);
        int[] q = new int[dims];
        for (int i = 0; i < dims; i++) q[i] = quantized[i];
        int n = Math.min(k, size);
        long[] heapIds = new long[n];
        float[] heap = new float[n];
        int filled = 0;
        for (int s = 0; s < size; s++) {
            if (!withArchive && archived[s]) continue;
            float score = dot(q, s * dims) * scales[s] * qScale;
            if (filled < n) {
                heap[filled] = score;
                heapIds[filled] = ids[s];
                siftUp(heap, heapIds, filled++);
            } else if (n > 0 && score > heap[0]) {
                heap[0] = score;
                heapIds[0] = ids[s];
                siftDown(heap, heapIds, n);
            }
        }
        Hit[] hits = new Hit[filled];
        for (int i = 0; i < filled; i++) hits[i] = new Hit(heapIds[i], heap[i]);
        Arrays.sort(hits, (a, b) -> Float.compare(b.score, a.score));
        return hits;
    }

    /**
     * A plain loop, with the query widened to ints once: C2 compiles that to the fastest code we found without the
     * incubating Vector API (15 ms for 100,000 vectors of 384 dimensions on one core, JDK 25; 30 ms hand-unrolled
     * with four sums over two byte arrays).
     */
    private int dot(int[] q, int off) {
        byte[] d = data;
        int sum = 0;
        for (int i = 0; i < q.length; i++) sum += d[off + i] * q[i];
        return sum;
    }

    record Hit(long id, float score) {}

    /** Serialized form kept in SQLite: the scale (float32, little-endian), then one byte a dimension. */
    static byte[] toBlob(float[] v) {
        byte[] q = new byte[v.length];
        float scale = quantize(v, q);
        return ByteBuffer.allocate(4 + v.length).order(ByteOrder.LITTLE_ENDIAN).putFloat(scale).put(q).array();
    }

    private static float quantize(float[] v, byte[] out) {
        float max = 0;
        for (float x : v) max = Math.max(max, Math.abs(x));
        if (max == 0) return 0;
        float scale = max / 127f;
        for (int i = 0; i < v.length; i++) out[i] = (byte) Math.round(v[i] / scale);
        return scale;
    }

    /**
     * Room for {@code more} vectors than there are, exactly: a bulk load sized by doubling would leave up to half of
     * the largest array unused (12 MB at 100,000 items).
     */
    void reserve(int more) {
        ensureCapacity(size + more, true);
    }

    private void ensureCapacity(int n) {
        ensureCapacity(n, false);
    }

    private void ensureCapacity(int n, boolean exact) {
        int cap = scales.length;
        if (cap < n) cap = exact ? n : Math.max(n, Math.max(16, cap * 2));
        // The vectors' length is known from the first put on, which may come after room was reserved.
        if (cap == scales.length && data.length >= cap * dims) return;
        data = Arrays.copyOf(data, cap * dims);
        scales = Arrays.copyOf(scales, cap);
        ids = Arrays.copyOf(ids, cap);
        archived = Arrays.copyOf(archived, cap);
    }

    private static void siftUp(float[] h, long[] ids, int i) {
        while (i > 0) {
            int p = (i - 1) / 2;
            if (h[p] <= h[i]) return;
            swap(h, ids, p, i);
            i = p;
        }
    }

    private static void siftDown(float[] h, long[] ids, int n) {
        int i = 0;
        while (true) {
            int l = 2 * i + 1, r = l + 1, m = i;
            if (l < n && h[l] < h[m]) m = l;
            if (r < n && h[r] < h[m]) m = r;
            if (m == i) return;
            swap(h, ids, m, i);
            i = m;
        }
    }

    private static void swap(float[] h, long[] ids, int a, int b) {
        float t = h[a];
        h[a] = h[b];
        h[b] = t;
        long u = ids[a];
        ids[a] = ids[b];
        ids[b] = u;
    }
}
