package dev.mediawatch.deliver;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): the signed content is
 * {@code <webhook-id>.<webhook-timestamp>.<body>}, the signature {@code v1,<base64 HMAC-SHA256>}. A secret
 * written {@code whsec_<base64>} is the base64-decoded bytes after the prefix; any other secret is used as
 * its UTF-8 bytes. {@link #toString()} never shows the key.
 */
public final class WebhookSignature {
    public static final String PREFIX = "whsec_";
    private final byte[] key;

    private WebhookSignature(byte[] key) {
        if (key.length == 0) throw new IllegalArgumentException("webhook secret is empty");
        this.key = key;
    }

    /**
     * @throws IllegalArgumentException when a {@code whsec_} secret is not valid base64 (the message
     *                                  does not repeat the secret)
     */
    public static WebhookSignature of(String secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.startsWith(PREFIX)) {
            try {
                return new WebhookSignature(Base64.getDecoder().decode(secret.substring(PREFIX.length())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("webhook secret starts with whsec_ but the rest is not valid base64");
            }
        }
        return new WebhookSignature(secret.getBytes(StandardCharsets.UTF_8));
    }

    /** The {@code webhook-signature} header value for one message. */
    public String sign(String id, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return "WebhookSignature[key hidden]";
    }
}
