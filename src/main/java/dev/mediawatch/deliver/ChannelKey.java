package dev.mediawatch.deliver;

import dev.mediawatch.model.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * A channel's stable, shareable name: its type and a short hash of all its settings, e.g.
 * {@code slack-3f9a0c1b22de}. It names the channel in {@code mediawatch.deliveries}, logs, metrics-free
 * API output and queue names without ever showing the webhook URL or secret. Because every setting
 * goes into the hash, changing a channel's config gives it a new key: that is what lifts a 410 disable.
 */
public final class ChannelKey {
    private ChannelKey() {
    }

    public static String of(Channel channel) {
        StringBuilder canonical = new StringBuilder(channel.type());
        for (Map.Entry<String, String> e : new TreeMap<>(channel.settings()).entrySet()) {
            canonical.append('\n').append(e.getKey()).append('=').append(e.getValue());
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return channel.type() + "-" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
