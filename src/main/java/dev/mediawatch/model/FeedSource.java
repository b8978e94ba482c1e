package dev.mediawatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.Objects;

/**
 * A feed to poll: the value on {@code mediawatch.feeds}, keyed by {@link #id()}.
 *
 * @param id       stable feed id, e.g. {@code nyt-world}
 * @param url      the RSS or Atom URL
 * @param outlet   the outlet's display name, e.g. {@code The New York Times}
 * @param interval how often to poll it; {@code null} means the configured default
 * @param siteUrl  the outlet's web site (OPML {@code htmlUrl}), or null; kept so OPML round-trips
 */
public record FeedSource(String id, String url, String outlet, Duration interval,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String siteUrl) {
    public FeedSource {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        if (outlet == null || outlet.isBlank()) outlet = id;
        if (siteUrl != null && siteUrl.isBlank()) siteUrl = null;
    }

    public FeedSource(String id, String url, String outlet, Duration interval) {
        this(id, url, outlet, interval, null);
    }
}
