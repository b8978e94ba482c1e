package dev.mediawatch.model;

import java.time.Duration;
import java.util.Objects;

/**
 * A feed to poll: the value on {@code mediawatch.feeds}, keyed by {@link #id()}.
 *
 * @param id       stable feed id, e.g. {@code nyt-world}
 * @param url      the RSS or Atom URL
 * @param outlet   the outlet's display name, e.g. {@code The New York Times}
 * @param interval how often to poll it; {@code null} means the configured default
 */
public record FeedSource(String id, String url, String outlet, Duration interval) {
    public FeedSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        if (outlet == null || outlet.isBlank()) outlet = id;
    }
}
