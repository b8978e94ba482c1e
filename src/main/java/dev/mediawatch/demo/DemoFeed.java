package dev.mediawatch.demo;

import java.net.URI;
import java.util.Objects;

/**
 * One bundled feed as served by a running {@link DemoSite}.
 *
 * @param id     the feed id the demo config uses, e.g. {@code demo-wire}
 * @param url    where the running site serves it
 * @param outlet the fictional outlet's display name
 */
public record DemoFeed(String id, URI url, String outlet) {
    public DemoFeed {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(outlet, "outlet");
    }
}
