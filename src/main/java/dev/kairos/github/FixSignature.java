package dev.kairos.github;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * What makes two failures the same failure: the repository, the check's or workflow's name and the branch. One fix
 * is open per signature; its branch on the remote is {@code kairos/fix-<name>-<hash>}.
 */
record FixSignature(String repo, String name, String branch) {
    /** Stable across restarts and case-insensitive in the repository (GitHub ignores its case). */
    String id() {
        String text = repo.toLowerCase(Locale.ROOT) + "\n" + name + "\n" + branch;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "kairos/fix-build-3f2a9c0d1e4b": readable, and a valid ref whatever the check's name holds. */
    String fixBranch() {
        String slug = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 30) slug = slug.substring(0, 30).replaceAll("-+$", "");
        return "kairos/fix-" + (slug.isEmpty() ? "" : slug + "-") + id();
    }
}
