package dev.mediawatch.deliver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A receiver's check, written from the Standard Webhooks specification text and javax.crypto alone (it shares
 * no code with {@link WebhookSignature}): the key is the base64 after {@code whsec_}; the signed content is
 * {@code msg_id.timestamp.payload}; the header holds space-separated {@code v1,<base64>} entries, any of which
 * may match; compare in constant time. The same code appears in docs/delivery.md.
 */
final class StandardWebhooksVerifier {
    private StandardWebhooksVerifier() {
    }

    static boolean verify(String secret, String msgId, String timestamp, String payload, String signatureHeader) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((msgId + "." + timestamp + "." + payload).getBytes(StandardCharsets.UTF_8));
            for (String candidate : signatureHeader.split(" ")) {
                String[] parts = candidate.split(",", 2);
                if (parts.length == 2 && parts[0].equals("v1")
                        && MessageDigest.isEqual(expected, Base64.getDecoder().decode(parts[1]))) {
                    return true;
                }
            }
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
