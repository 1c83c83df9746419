package dev.kairos.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first and last bytes of a process's output or of a file, with a count of those in between: a command that
 * prints 5 GB, or a 5 GB file, costs a fixed amount of memory. Thread-safe: a reader thread fills it while the
 * runner gives up waiting.
 */
public final class OutputClip {
    private final byte[] head;
    private final byte[] tail; // a ring
    private int headLength;
    private long tailWritten;
    private long total;

    OutputClip(int cap) {
        head = new byte[cap / 2];
        tail = new byte[cap - cap / 2];
    }

    /** A file's first and last bytes, {@code cap} in all; only those are read. */
    public static OutputClip ofFile(Path file, int cap) throws IOException {
        OutputClip c = new OutputClip(cap);
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            if (size <= cap) {
                byte[] all = Files.readAllBytes(file);
                c.write(all, all.length);
                return c;
            }
            ByteBuffer h = ByteBuffer.wrap(c.head);
            while (h.hasRemaining() && ch.read(h) >= 0) { /* fill */ }
            ch.position(size - c.tail.length);
            ByteBuffer t = ByteBuffer.wrap(c.tail);
            while (t.hasRemaining() && ch.read(t) >= 0) { /* fill */ }
            synchronized (c) {
                c.headLength = c.head.length;
                c.tailWritten = c.tail.length;
                c.total = size;
            }
            return c;
        }
    }

    /** Reads the stream to its end, or until it is closed under us (the process was killed). */
    void drain(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) >= 0; ) write(buf, n);
        } catch (IOException e) {
            // keep what arrived
        }
    }

    private synchronized void write(byte[] b, int len) {
        total += len;
        int toHead = Math.min(len, head.length - headLength);
        System.arraycopy(b, 0, head, headLength, toHead);
        headLength += toHead;
        for (int i = toHead; i < len; i++) tail[(int) (tailWritten++ % tail.length)] = b[i];
    }

    /** How many bytes there were, kept or not. */
    public synchronized long total() {
        return total;
    }

    /** Whether the head holds a NUL byte, the usual sign of a binary file. */
    public synchronized boolean looksBinary() {
        for (int i = 0; i < Math.min(headLength, 8192); i++) if (head[i] == 0) return true;
        return false;
    }

    public synchronized Result.Output output() {
        int tailLength = (int) Math.min(tailWritten, tail.length);
        byte[] t = new byte[tailLength];
        long start = tailWritten - tailLength;
        for (int i = 0; i < tailLength; i++) t[i] = tail[(int) ((start + i) % tail.length)];
        long cut = total - headLength - tailLength;
        if (cut == 0) { // decode as one, so a character split between head and tail survives
            byte[] all = new byte[headLength + tailLength];
            System.arraycopy(head, 0, all, 0, headLength);
            System.arraycopy(t, 0, all, headLength, tailLength);
            return new Result.Output(new String(all, StandardCharsets.UTF_8), 0, "");
        }
        return new Result.Output(new String(head, 0, headLength, StandardCharsets.UTF_8), cut,
                new String(t, StandardCharsets.UTF_8));
    }
}
