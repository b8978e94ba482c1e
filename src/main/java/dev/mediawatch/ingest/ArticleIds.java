package dev.mediawatch.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/** Stable article ids: the same canonical URL always gives the same id, across restarts and instances. */
public final class ArticleIds {

    private ArticleIds() {
    }

    /** Lower-case hex of the first 16 bytes of SHA-256 of the canonical URL (32 characters). */
    public static String of(String canonicalUrl) {
        Objects.requireNonNull(canonicalUrl, "canonicalUrl");
        byte[] digest = sha256().digest(canonicalUrl.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(Arrays.copyOf(digest, 16));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE has SHA-256", e);
        }
    }
}
