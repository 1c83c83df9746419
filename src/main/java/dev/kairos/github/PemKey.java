package dev.kairos.github;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A GitHub App's RSA private key from its PEM file: PKCS#1 ("BEGIN RSA PRIVATE KEY", what GitHub hands out) or
 * PKCS#8 ("BEGIN PRIVATE KEY"). The JDK reads only PKCS#8, so PKCS#1 is wrapped in the PKCS#8 envelope first.
 */
final class PemKey {
    private static final Pattern PEM = Pattern.compile(
            "-----BEGIN (RSA )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END (RSA )?PRIVATE KEY-----");
    /** AlgorithmIdentifier { rsaEncryption, NULL }. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};

    private PemKey() {}

    /** Throws IOException saying what is wrong with the file, never its content. */
    static PrivateKey read(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new IOException("the GitHub App private key file " + file + " does not exist: download a key from "
                    + "the App's settings page and point github.app.privateKey (or GITHUB_APP_PRIVATE_KEY_FILE) at it");
        } catch (IOException e) {
            throw new IOException("cannot read the GitHub App private key file " + file + ": " + e.getMessage());
        }
        Matcher m = PEM.matcher(text);
        if (!m.find()) {
            throw new IOException(file + " holds no PEM private key (expected -----BEGIN RSA PRIVATE KEY-----)");
        }
        try {
            byte[] der = Base64.getMimeDecoder().decode(m.group(2));
            byte[] pkcs8 = m.group(1) == null ? der : pkcs8(der);
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new IOException(file + " holds no readable RSA private key: " + e.getMessage());
        }
    }

    /** PrivateKeyInfo { version 0, rsaEncryption, OCTET STRING { the PKCS#1 key } }. */
    static byte[] pkcs8(byte[] pkcs1) {
        ByteArrayOutputStream inner = new ByteArrayOutputStream();
        inner.writeBytes(new byte[] {0x02, 0x01, 0x00});
        inner.writeBytes(RSA_ALGORITHM);
        inner.writeBytes(header(0x04, pkcs1.length));
        inner.writeBytes(pkcs1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(0x30, inner.size()));
        out.writeBytes(inner.toByteArray());
        return out.toByteArray();
    }

    /** A DER tag and length. */
    private static byte[] header(int tag, int length) {
        if (length < 0x80) return new byte[] {(byte) tag, (byte) length};
        int bytes = (32 - Integer.numberOfLeadingZeros(length) + 7) / 8;
        byte[] h = new byte[2 + bytes];
        h[0] = (byte) tag;
        h[1] = (byte) (0x80 | bytes);
        for (int i = 0; i < bytes; i++) h[2 + i] = (byte) (length >>> (8 * (bytes - 1 - i)));
        return h;
    }
}
