package dev.mediawatch.ingest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Compact keys for items already turned into articles: 48 bits of the SHA-256 of the canonical link,
 * as 12 hex digits. Short enough that a feed's whole current document fits in its status record, long
 * enough that two links of one feed colliding is not a practical concern.
 */
public final class SeenItems {
    /** At most this many keys are kept in a status record (feeds rarely list more than a few hundred items). */
    public static final int PERSISTED = 1_000;

    private SeenItems() {
    }

    public static String key(String canonicalLink) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonicalLink.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
