package dev.kairos.sense;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** The last bytes of a process's output: a long build log keeps only its end, where the failure usually is. */
final class OutputTail {
    private final byte[] ring;
    private long total;

    OutputTail(int capacity) {
        this.ring = new byte[capacity];
    }

    /** Reads {@code in} to its end (or until it fails, e.g. because the process was killed). */
    void drain(InputStream in) {
        byte[] buffer = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buffer)) != -1; ) append(buffer, n);
        } catch (IOException e) {
            // the stream closes under us when the process is killed: what we have is the tail
        }
    }

    synchronized void append(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) ring[(int) (total++ % ring.length)] = bytes[i];
    }

    synchronized String text() {
        int size = (int) Math.min(total, ring.length);
        byte[] out = new byte[size];
        int start = (int) ((total - size) % ring.length);
        for (int i = 0; i < size; i++) out[i] = ring[(start + i) % ring.length];
        String text = new String(out, StandardCharsets.UTF_8);
        return total > ring.length ? "[... " + (total - ring.length) + " bytes cut ...]\n" + text : text;
    }
}
