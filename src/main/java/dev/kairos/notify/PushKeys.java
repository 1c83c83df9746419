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
import java.util.List;
import java.util.Optional;

/**
 * This Kairos's VAPID key pair (RFC 8292), which browsers subscribe to and push services check: made once, by
 * {@code kairos init} (and {@code kairos up}), in {@code keys/webpush-vapid.txt} readable by the owner only, never
 * overwritten (a new pair would orphan every subscription) and never printed. The file holds the public key (X.509)
 * and the private key (PKCS #8), base64url, one a line: the format of the library's own {@code VapidKeys.load}.
 */
public final class PushKeys {
    static final String FILE = "webpush-vapid.txt";

    private PushKeys() {}

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

    /**
     * The pair, or nothing when it was never made; IllegalStateException saying what to do when the file is damaged
     * (the message never holds the keys).
     */
    static Optional<VapidKeys> load(Path keysDir) {
        Path file = keysDir.resolve(FILE);
        if (!Files.exists(file)) return Optional.empty();
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(l -> !l.isEmpty()).toList();
            if (lines.size() != 2) throw new IllegalArgumentException("expected 2 lines");
            return Optional.of(VapidKeys.create(lines.get(0), lines.get(1)));
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("the Web Push keys in " + file + " cannot be read (" + e.getClass()
                    .getSimpleName() + "); move the file aside and run './kairos init' to make new ones (browsers "
                    + "then subscribe again at /push)");
        }
    }

    private static void ownerOnly(Path p, String perms) throws IOException {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(perms));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): the folder's own permissions apply
        }
    }
}
