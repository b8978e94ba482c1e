package dev.mediawatch.deliver;

import dev.mediawatch.kafka.Json;
import dev.mediawatch.metrics.MediawatchMetrics;
import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Channel;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The {@code slack} channel: Block Kit messages POSTed to an incoming webhook ({@code webhookUrl}, a secret).
 * Slack hides messages sent faster than about one a second, so the pace is one per second and waiting
 * alerts roll up into one message. Answers map to outcomes as Slack documents them: 429 waits
 * Retry-After; 5xx and timeouts are retried with exponential back-off and jitter; 400 invalid_payload,
 * 403, 404 channel_not_found are final; 410 channel_is_archived disables the channel.
 */
public final class SlackSink implements Sink {
    /** Slack's own error codes are safe to repeat; anything else in a body is not shown. */
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z_]{1,60}");
    private static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(15);

    private final HttpPoster http;
    private final Duration pacing;
    private final RetryPolicy retryPolicy;
    private final Map<String, String> env;

    public SlackSink(HttpPoster http, Duration pacing, RetryPolicy retryPolicy) {
        this(http, pacing, retryPolicy, System.getenv());
    }

    /** @param env where the channel's {@code ${VAR}} references in {@code webhookUrl} are resolved */
    public SlackSink(HttpPoster http, Duration pacing, RetryPolicy retryPolicy, Map<String, String> env) {
        this.http = Objects.requireNonNull(http, "http");
        this.pacing = Objects.requireNonNull(pacing, "pacing");
        this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
        this.env = Map.copyOf(env);
    }

    /** One message a second; up to 6 attempts, back-off from 1 s to 1 min. */
    public static SlackSink standard(HttpPoster http) {
        return new SlackSink(http, Duration.ofSeconds(1),
                RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofMinutes(1), 6, Math::random));
    }

    @Override
    public String type() {
        return "slack";
    }

    @Override
    public void send(Alert alert, Channel channel) throws DeliveryException {
        post(channel, SlackPayloads.alert(alert));
    }

    @Override
    public void sendDigest(List<Alert> alerts, String heading, String batchId, Channel channel)
            throws DeliveryException {
        post(channel, SlackPayloads.digest(alerts, heading));
    }

    @Override
    public Duration pacing() {
        return pacing;
    }

    @Override
    public boolean rollsUp() {
        return true;
    }

    @Override
    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    private void post(Channel channel, ObjectNode payload) throws DeliveryException {
        String url = ChannelSecrets.resolve(channel, "webhookUrl", env);
        if (url == null || url.isBlank()) throw DeliveryException.permanent("config", "slack channel has no webhookUrl");
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(payload);
        } catch (JsonProcessingException e) {
            throw DeliveryException.permanent("payload", "cannot write the Slack payload: " + e.getOriginalMessage());
        }
        check(http.post(url, body, Map.of()));
    }

    static void check(HttpPoster.Response r) throws DeliveryException {
        int s = r.status();
        if (s >= 200 && s < 300) return;
        String code = r.body() == null ? "" : r.body().strip();
        String detail = ERROR_CODE.matcher(code).matches() ? " " + code : "";
        if (s == 429) {
            MediawatchMetrics.SLACK_RATE_LIMITED.inc();
            throw DeliveryException.rateLimited(retryAfter(r.header("Retry-After")));
        }
        if (s == 410) throw DeliveryException.gone("Slack answered 410" + detail);
        if (s >= 500) throw DeliveryException.transientFailure("http-" + s, "Slack answered " + s + detail);
        if (s >= 300 && s < 400) throw DeliveryException.permanent("redirect", "Slack answered " + s + "; redirects are not followed");
        throw DeliveryException.permanent("http-" + s, "Slack answered " + s + detail);
    }

    static Duration retryAfter(String header) {
        if (header == null) return DEFAULT_RETRY_AFTER;
        try {
            long seconds = Long.parseLong(header.strip());
            if (seconds < 0) return DEFAULT_RETRY_AFTER;
            Duration d = Duration.ofSeconds(seconds);
            return d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
        } catch (NumberFormatException e) {
            return DEFAULT_RETRY_AFTER;   // an HTTP date: rare from Slack; a second is a safe guess
        }
    }

    @Override
    public String toString() {
        return "SlackSink";
    }

}
