package dev.kairos.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A bulk load reserves room for exactly its vectors; single puts after it grow the arrays as usual. */
class VectorsTakeTheRoomReservedForThemTest {
    private static byte[] blob(float... v) {
        return VectorIndex.toBlob(v);
    }

    @Test
    void roomReservedBeforeTheFirstVectorIsExactlyWhatTheVectorsTake() {
        VectorIndex vectors = new VectorIndex();
        vectors.reserve(3);
        vectors.put(1, blob(1, 0, 0, 0));
        vectors.put(2, blob(0, 1, 0, 0));
        vectors.put(3, blob(0, 0, 1, 0));

        // 3 vectors of 4 bytes, 3 scales, 3 ids, 3 archive flags, 3 slot entries: nothing spare.
        assertThat(vectors.bytes()).isEqualTo(3 * 4 + 3 * 4L + 3 * 8L + 3 + 3 * 64L);
        assertThat(vectors.nearest(new float[] {0, 1, 0, 0}, 1)[0].id()).isEqualTo(2);

        vectors.put(4, blob(0, 0, 0, 1));
        assertThat(vectors.size()).isEqualTo(4);
        assertThat(vectors.nearest(new float[] {0, 0, 0, 1}, 1)[0].id()).isEqualTo(4);
        assertThat(vectors.nearest(new float[] {1, 0, 0, 0}, 1)[0].id()).isEqualTo(1);
    }

    @Test
    void aClearedIndexTakesVectorsOfAnotherLength() {
        VectorIndex vectors = new VectorIndex();
        vectors.put(1, blob(1, 0));
        vectors.put(2, blob(0, 1));
        vectors.clear();

        // Another embedder: six dimensions where the arrays were sized for two, more vectors than fit in that room.
        for (int i = 0; i < 20; i++) {
            float[] v = i < 6 ? new float[6] : new float[] {1, 1, 1, 1, 1, 1};
            if (i < 6) v[i] = 1;
            vectors.put(100 + i, blob(v));
        }

        assertThat(vectors.size()).isEqualTo(20);
        assertThat(vectors.nearest(new float[] {0, 0, 0, 1, 0, 0}, 1)[0].id()).isEqualTo(103);
    }
}
