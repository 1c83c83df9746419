package dev.kairos.memory;

/** Small vector arithmetic shared by the embedders and the vector index. */
final class Vectors {
    private Vectors() {}

    static float[] normalized(float[] v) {
        double sum = 0;
        for (float x : v) sum += x * x;
        if (sum == 0) return v.clone();
        float inv = (float) (1 / Math.sqrt(sum));
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i] * inv;
        return out;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) dot += a[i] * b[i];
        return dot;
    }
}
