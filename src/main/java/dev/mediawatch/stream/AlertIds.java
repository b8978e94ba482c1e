package dev.mediawatch.stream;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Stable alert ids: the same subscription, kind and story give the same id on every retry and restart. */
public final class AlertIds {
    private AlertIds() {
    }

    public static String of(String subscriptionId, String kind, String storyId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            byte[] digest = sha.digest((subscriptionId + '\n' + kind + '\n' + storyId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
