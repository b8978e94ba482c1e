package dev.mediawatch.deliver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mediawatch.kafka.Json;
import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Channel;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code webhook} channel: a JSON POST signed as Standard Webhooks specifies. Headers:
 * {@code webhook-id} (the alert id, stable across retries, so receivers can deduplicate),
 * {@code webhook-timestamp} (seconds since the epoch) and, when the channel has a {@code secret},
 * {@code webhook-signature: v1,<base64 HMAC-SHA256 of id.timestamp.body>}. Body:
 * {@code {"type":"mediawatch.alert","timestamp":...,"data":<alert>}}, or for a digest
 * {@code {"type":"mediawatch.digest","timestamp":...,"data":{"heading":...,"alerts":[...]}}}.
 * Retries follow the Standard Webhooks schedule; 410 disables the endpoint; redirects are not followed.
 */
public final class WebhookSink implements Sink {
    private final HttpPoster http;
    private final Clock clock;
    private final RetryPolicy retryPolicy;
    private final Map<String, String> env;

    public WebhookSink(HttpPoster http, Clock clock, RetryPolicy retryPolicy) {
        this(http, clock, retryPolicy, System.getenv());
    }

    /** @param env where the channel's {@code ${VAR}} references in {@code url} and {@code secret} are resolved */
    public WebhookSink(HttpPoster http, Clock clock, RetryPolicy retryPolicy, Map<String, String> env) {
        this.http = Objects.requireNonNull(http, "http");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.env = Map.copyOf(env);
    }

    public static WebhookSink standard(HttpPoster http) {
        return new WebhookSink(http, Clock.systemUTC(), RetryPolicy.schedule(RetryPolicy.STANDARD_WEBHOOKS));
    }

    @Override
    public String type() {
        return "webhook";
    }

    @Override
    public void send(Alert alert, Channel channel) throws DeliveryException {
        ObjectNode envelope = envelope("mediawatch.alert");
        envelope.set("data", Json.mapper().valueToTree(alert));
        post(channel, alert.alertId(), envelope);
    }

    @Override
    public void sendDigest(List<Alert> alerts, String heading, String batchId, Channel channel)
            throws DeliveryException {
        ObjectNode envelope = envelope("mediawatch.digest");
        ObjectNode data = envelope.putObject("data");
        data.put("heading", heading);
        data.set("alerts", Json.mapper().valueToTree(alerts));
        post(channel, batchId, envelope);
    }

    @Override
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    private ObjectNode envelope(String type) {
        ObjectNode envelope = Json.mapper().createObjectNode();
        envelope.put("type", type);
        envelope.put("timestamp", clock.instant().toString());
        return envelope;
    }

    private void post(Channel channel, String id, ObjectNode envelope) throws DeliveryException {
        String url = ChannelSecrets.resolve(channel, "url", env);
        if (url == null || url.isBlank()) throw DeliveryException.permanent("config", "webhook channel has no url");
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(envelope);
        } catch (JsonProcessingException e) {
            throw DeliveryException.permanent("payload", "cannot write the webhook payload: " + e.getOriginalMessage());
        }
        long timestamp = clock.instant().getEpochSecond();
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        headers.put("webhook-id", id);
        headers.put("webhook-timestamp", Long.toString(timestamp));
        String secret = ChannelSecrets.resolve(channel, "secret", env);
        if (secret != null && !secret.isBlank()) {
            try {
                headers.put("webhook-signature", WebhookSignature.of(secret.strip()).sign(id, timestamp, body));
            } catch (IllegalArgumentException e) {
                throw DeliveryException.permanent("config", e.getMessage());
            }
        }
        check(http.post(url, body, headers));
    }

    static void check(HttpPoster.Response r) throws DeliveryException {
        int s = r.status();
        if (s >= 200 && s < 300) return;
        if (s == 410) throw DeliveryException.gone("endpoint answered 410 Gone");
        if (s >= 300 && s < 400) {
            throw DeliveryException.permanent("redirect", "endpoint answered " + s + "; redirects are not followed");
        }
        if (s == 429) {
            String after = r.header("Retry-After");
            throw DeliveryException.rateLimited(SlackSink.retryAfter(after));
        }
        // Standard Webhooks: any other answer than 2xx is a failure to retry on the schedule.
        throw DeliveryException.transientFailure("http-" + s, "endpoint answered " + s);
    }

    @Override
    public String toString() {
        return "WebhookSink";
    }
}
