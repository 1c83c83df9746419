package dev.kairos.tool;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The first and last bytes of a file of any length, with a count of those in between: a huge file costs a fixed
 * amount of memory. (A process's output is clipped the same way by the process runner.)
 */
final class Clip {
    static final int DEFAULT_SIDE = 64 * 1024;

    private final byte[] head;
    private final byte[] tail; // a ring
    private int headLength;
    private long tailWritten;
    private long total;

    Clip(int side) {
        head = new byte[side];
        tail = new byte[side];
    }

    synchronized void write(byte[] b, int off, int len) {
        total += len;
        int toHead = Math.min(len, head.length - headLength);
        System.arraycopy(b, off, head, headLength, toHead);
        headLength += toHead;
        for (int i = off + toHead; i < off + len; i++) tail[(int) (tailWritten++ % tail.length)] = b[i];
    }

    static Clip ofFile(Path file, int side) throws IOException {
        Clip c = new Clip(side);
        try (SeekableByteChannel ch = Files.newByteChannel(file)) {
            long size = ch.size();
            if (size <= 2L * side) {
                byte[] all = Files.readAllBytes(file);
                c.write(all, 0, all.length);
                return c;
            }
            ByteBuffer h = ByteBuffer.wrap(c.head);
            while (h.hasRemaining() && ch.read(h) >= 0) { /* fill */ }
            ch.position(size - side);
            ByteBuffer t = ByteBuffer.wrap(c.tail);
            while (t.hasRemaining() && ch.read(t) >= 0) { /* fill */ }
            synchronized (c) {
                c.headLength = side;
                c.tailWritten = side;
                c.total = size;
            }
            return c;
        }
    }

    synchronized long total() {
        return total;
    }

    synchronized boolean isEmpty() {
        return total == 0;
    }

    /** Whether the head holds a NUL byte, the usual sign of a binary file. */
    synchronized boolean looksBinary() {
        for (int i = 0; i < Math.min(headLength, 8192); i++) if (head[i] == 0) return true;
        return false;
    }

    /** The text, capped in tokens; what fell out of the middle is counted in the marker. */
    synchronized String text(int maxTokens) {
        int tailLength = (int) Math.min(tailWritten, tail.length);
        byte[] t = new byte[tailLength];
        long start = tailWritten - tailLength;
        for (int i = 0; i < tailLength; i++) t[i] = tail[(int) ((start + i) % tail.length)];
        long dropped = total - headLength - tailLength;
        if (dropped == 0) { // decode as one, so a character split between head and tail survives
            byte[] all = new byte[headLength + tailLength];
            System.arraycopy(head, 0, all, 0, headLength);
            System.arraycopy(t, 0, all, headLength, tailLength);
            return TokenCap.cap(new String(all, StandardCharsets.UTF_8), maxTokens);
        }
        return TokenCap.cap(new String(head, 0, headLength, StandardCharsets.UTF_8), dropped,
                new String(t, StandardCharsets.UTF_8), maxTokens);
    }
}
