package dev.kairos.notify;

import com.interaso.webpush.VapidKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * This Kairos's VAPID key pair (RFC 8292), which browsers subscribe to and push services check: made once, by
 * {@code kairos init} (and {@code kairos up}), in {@code keys/webpush-vapid.txt} readable by the owner only, never
 * overwritten (a new pair would orphan every subscription) and never printed. The file holds the public key (X.509)
 * and the private key (PKCS #8), base64url, one a line: the format of the library's own {@code VapidKeys.load}.
 * <p>
 * An instance reads the pair at its first use and keeps it: every command builds the notifiers, and parsing EC keys
 * (tens of milliseconds on a cold JVM) is a cost only a push, the {@code /push} page or {@code notify test} should pay.
 */
public final class PushKeys {
    static final String FILE = "webpush-vapid.txt";
    /** The DER header of a P-256 public key (SubjectPublicKeyInfo), before its 65-byte uncompressed point. */
    private static final byte[] P256_X509 = HexFormat.of().parseHex("3059301306072a8648ce3d020106082a8648ce3d030107034200");

    private final Path file;
    private VapidKeys keys; // guarded by this; kept once read, so a file damaged later changes nothing
    private String failure; // guarded by this: the last read's error, until a read succeeds

    private PushKeys(Path file) {
        this.file = file;
    }

    /** The pair in {@code keysDir}, read at its first use; nothing when it was never made. */
    static Optional<PushKeys> in(Path keysDir) {
        Path file = keysDir.resolve(FILE);
        return Files.exists(file) ? Optional.of(new PushKeys(file)) : Optional.empty();
    }

    /**
     * The pair, read now if not yet; IllegalStateException saying what to do when the file is missing or damaged: no
     * push goes out without a valid key. A failed read is tried again at the next use (the file may be restored).
     */
    synchronized VapidKeys keys() {
        if (keys == null) {
            try {
                keys = read(file);
                failure = null;
            } catch (IllegalStateException e) {
                failure = e.getMessage();
                throw e;
            }
        }
        return keys;
    }

    /**
     * What `kairos status` should say about the file, without parsing the keys unless they were read already: the
     * error of the last read, or a check of the file's form (two lines, a P-256 public key, a DER private key).
     */
    synchronized Optional<String> problem() {
        if (keys != null) return Optional.empty();
        if (failure != null) return Optional.of(failure);
        try {
            List<String> lines = lines(file);
            byte[] pub = Base64.getUrlDecoder().decode(lines.get(0));
            byte[] priv = Base64.getUrlDecoder().decode(lines.get(1));
            if (pub.length != P256_X509.length + 65 || !Arrays.equals(pub, 0, P256_X509.length, P256_X509, 0,
                    P256_X509.length)) throw new IllegalArgumentException("not a P-256 public key");
            if (!derSequence(priv)) throw new IllegalArgumentException("not a PKCS #8 private key");
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.of(damaged(file, e));
        }
    }

    /** Makes the pair unless the file exists; the file made, if any. */
    public static Optional<Path> ensure(Path keysDir) {
        Path file = keysDir.resolve(FILE);
        if (Files.exists(file)) return Optional.empty();
        VapidKeys keys = VapidKeys.generate();
        byte[] text = (keys.getX509PublicKey() + "\n" + keys.getPkcs8PrivateKey() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (!Files.isDirectory(keysDir)) {
                Files.createDirectories(keysDir);
                ownerOnly(keysDir, "rwx------");
            }
            Files.write(file, new byte[0], StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            ownerOnly(file, "rw-------"); // before the private key is in it
            Files.write(file, text, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            return Optional.of(file);
        } catch (FileAlreadyExistsException e) {
            return Optional.empty(); // someone made it between our check and our write: theirs wins
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the Web Push keys to " + file + ": " + e.getMessage(), e);
        }
    }

    /** IllegalStateException saying what to do when the file is missing or damaged (never holding the keys). */
    private static VapidKeys read(Path file) {
        if (!Files.exists(file)) {
            throw new IllegalStateException("the Web Push keys in " + file + " are missing; run './kairos init' to "
                    + "make new ones (browsers then subscribe again at /push)");
        }
        try {
            List<String> lines = lines(file);
            return VapidKeys.create(lines.get(0), lines.get(1));
        } catch (Exception e) { // the library, in Kotlin, throws checked exceptions undeclared (InvalidKeySpecException)
            throw new IllegalStateException(damaged(file, e));
        }
    }

    private static List<String> lines(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                .filter(l -> !l.isEmpty()).toList();
        if (lines.size() != 2) throw new IllegalArgumentException("expected 2 lines");
        return lines;
    }

    private static String damaged(Path file, Exception e) {
        return "the Web Push keys in " + file + " cannot be read (" + e.getClass().getSimpleName() + "); move the "
                + "file aside and run './kairos init' to make new ones (browsers then subscribe again at /push)";
    }

    /** One DER SEQUENCE filling the bytes exactly: what a truncated or padded key is not. */
    private static boolean derSequence(byte[] der) {
        if (der.length < 2 || der[0] != 0x30) return false;
        int first = der[1] & 0xff;
        if (first < 0x80) return 2 + first == der.length;
        int octets = first & 0x7f;
        if (octets > 2 || der.length < 2 + octets) return false;
        int length = 0;
        for (int i = 0; i < octets; i++) length = length << 8 | der[2 + i] & 0xff;
        return 2 + octets + length == der.length;
    }

    private static void ownerOnly(Path p, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the folder's own permissions apply
        }
    }
}
