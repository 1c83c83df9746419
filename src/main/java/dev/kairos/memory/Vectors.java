package dev.kairos.memory;

/** Small vector arithmetic for the embedders. */
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
}
