package dev.mediawatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;
import java.util.Objects;

/**
 * One delivery channel of a subscription.
 *
 * @param type     {@code console}, {@code slack} or {@code webhook}
 * @param settings the channel's settings as written in the config (e.g. {@code webhookUrl}, {@code url},
 *                 {@code secret}, {@code mode}); secret values are never logged or shown
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Channel(String type, Map<String, String> settings) {
    public Channel {
        Objects.requireNonNull(type, "type");
        settings = settings == null ? Map.of() : Map.copyOf(settings);
    }

    public static Channel console() {
        return new Channel("console", Map.of());
    }

    /** A description safe for logs and API output: the type only, never URLs or secrets. */
    @Override
    public String toString() {
        return "Channel[" + type + "]";
    }
}
