package dev.mediawatch.ingest;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits for one {@link HttpFetcher}.
 *
 * @param allowPrivateNetworks whether loopback, private and link-local targets may be fetched
 * @param connectTimeout       how long to wait for a TCP/TLS connection
 * @param totalTimeout         budget for a whole {@link HttpFetcher#get} call, redirects and body included
 * @param maxBytes             largest body accepted, counted after decompression
 * @param maxRedirects         redirects followed before giving up
 * @param userAgent            sent on every request
 */
public record FetchPolicy(boolean allowPrivateNetworks, Duration connectTimeout, Duration totalTimeout,
                          long maxBytes, int maxRedirects, String userAgent) {

    public static final String DEFAULT_USER_AGENT = "mediawatch/0.1.0 (+https://github.com/mediawatch/mediawatch)";

    public FetchPolicy {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(totalTimeout, "totalTimeout");
        if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        if (maxRedirects < 0) throw new IllegalArgumentException("maxRedirects must not be negative: " + maxRedirects);
        Objects.requireNonNull(userAgent, "userAgent");
        if (userAgent.isBlank()) throw new IllegalArgumentException("userAgent must not be blank");
    }

    /** 10 s to connect, 20 s in all, 15 MiB, 5 redirects. */
    public static FetchPolicy defaults(boolean allowPrivateNetworks) {
        return new FetchPolicy(allowPrivateNetworks, Duration.ofSeconds(10), Duration.ofSeconds(20),
                15L * 1024 * 1024, 5, DEFAULT_USER_AGENT);
    }

    private static void requirePositive(Duration d, String name) {
        Objects.requireNonNull(d, name);
        if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive: " + d);
    }
}
