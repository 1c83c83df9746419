package dev.kairos.notify;

import dev.kairos.policy.Approval;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-time links that decide an approval from a device: {@code BASE/approvals/ID/approve?sig=…} (or deny),
 * signed with HMAC-SHA256 under a key of the workspace ({@code keys/approval-links.key}, made at `kairos init`,
 * never overwritten, never logged). A signature binds the approval's id, its creation and expiry, and the decision:
 * it cannot decide another approval, nor the other way. A link is good once: the approval's first decision, or its
 * expiry, ends it (the caller checks the state).
 */
public final class ApprovalLinks {
    private static final Logger log = LoggerFactory.getLogger(ApprovalLinks.class);
    private static final int KEY_BYTES = 32;
    static final String KEY_FILE = "approval-links.key";

    /** The two answers a link can carry, as they appear in its path. */
    public enum Decision {
        APPROVE, DENY;

        public String path() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Optional<Decision> fromPath(String text) {
            for (Decision d : values()) if (d.path().equals(text)) return Optional.of(d);
            return Optional.empty();
        }
    }

    private final Path keyFile;
    private final SecureRandom random;
    private final Supplier<URI> base;
    private byte[] key; // read, or made, on first use

    /**
     * @param home the workspace; the key lives in its keys/ folder
     * @param base where a device reaches Kairos: KAIROS_PUBLIC_URL, else http://127.0.0.1:PORT
     */
    public ApprovalLinks(Path home, SecureRandom random, Supplier<URI> base) {
        this.keyFile = keyFile(home);
        this.random = random;
        this.base = base;
    }

    public static Path keyFile(Path home) {
        return home.resolve("keys").resolve(KEY_FILE);
    }

    /** Makes the workspace's key unless it exists (`kairos init`); true when it made it. Readable by the owner only. */
    public static boolean makeKey(Path home, SecureRandom random) {
        Path file = keyFile(home);
        if (Files.exists(file)) return false;
        byte[] fresh = new byte[KEY_BYTES];
        random.nextBytes(fresh);
        try {
            Files.createDirectories(file.getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardCharsets.US_ASCII);
            return true;
        } catch (FileAlreadyExistsException someoneElse) {
            return false; // theirs stands
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage()
                    + "; check the permissions of the workspace", e);
        }
    }

    /** The link for {@code decision} on {@code approval}; empty when the key cannot be read (the user decides by CLI). */
    public Optional<URI> link(Approval approval, Decision decision) {
        return key().map(k -> URI.create(base.get().toString().replaceAll("/+$", "") + "/approvals/" + approval.id()
                + "/" + decision.path() + "?sig=" + sign(k, approval, decision)));
    }

    /** Whether {@code sig} is this key's signature of {@code decision} on this very approval (compared in constant time). */
    public boolean verifies(Approval approval, Decision decision, String sig) {
        Optional<byte[]> k = key();
        if (k.isEmpty() || sig == null) return false;
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(sig);
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        byte[] expected = Base64.getUrlDecoder().decode(sign(k.get(), approval, decision));
        return MessageDigest.isEqual(expected, given);
    }

    private synchronized Optional<byte[]> key() {
        if (key != null) return Optional.of(key);
        try {
            if (!Files.exists(keyFile)) makeKey(keyFile.getParent().getParent(), random);
            byte[] read = Base64.getDecoder().decode(Files.readString(keyFile, StandardCharsets.US_ASCII).strip());
            if (read.length < KEY_BYTES) throw new IllegalArgumentException("too short");
            key = read;
            return Optional.of(key);
        } catch (IOException | IllegalArgumentException | IllegalStateException e) {
            log.warn("approval links are off: {} cannot be used ({}); delete it and restart to make a new key "
                    + "(links sent before stop working)", keyFile, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    private static String sign(byte[] key, Approval a, Decision d) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String bound = "kairos approval " + a.id() + " " + d.path() + " " + a.createdAt().toEpochMilli() + " "
                    + a.expiresAt().toEpochMilli();
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    mac.doFinal(bound.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
