package dev.mediawatch.deliver;

import dev.mediawatch.ingest.AddressGuard;
import dev.mediawatch.ingest.FetchException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * POSTs JSON to a channel's destination: redirects never followed (a webhook that moved must be
 * reconfigured, not chased), the SSRF guard of the poller applied unless private networks are allowed,
 * bounded time. Errors it raises say what went wrong, never where: the URL is a secret.
 */
public final class HttpPoster {
    /** What the destination answered. */
    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {
        public String header(String name) {
            for (Map.Entry<String, java.util.List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }
    }

    private final HttpClient client;
    private final boolean allowPrivateNetworks;
    private final Duration timeout;

    public HttpPoster(boolean allowPrivateNetworks, Duration timeout) {
        this.allowPrivateNetworks = allowPrivateNetworks;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(timeout)
                .build();
    }

    public HttpPoster(boolean allowPrivateNetworks) {
        this(allowPrivateNetworks, Duration.ofSeconds(10));
    }

    public Response post(String url, byte[] json, Map<String, String> headers) throws DeliveryException {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw DeliveryException.permanent("bad-url", "destination URL is malformed");
        }
        try {
            AddressGuard.check(uri, allowPrivateNetworks);
        } catch (FetchException e) {
            throw e.kind() == FetchException.Kind.BLOCKED
                    ? DeliveryException.permanent("blocked", "destination resolves to a private or reserved address "
                            + "(set fetch.allowPrivateNetworks to allow it)")
                    : e.kind() == FetchException.Kind.BAD_URL
                    ? DeliveryException.permanent("bad-url", "destination is not an http(s) URL with a host")
                    : DeliveryException.transientFailure("dns", "destination host could not be resolved");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("User-Agent", "mediawatch")
                .POST(HttpRequest.BodyPublishers.ofByteArray(json));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (HttpTimeoutException e) {
            throw DeliveryException.transientFailure("timeout", "destination did not answer within " + timeout.toSeconds() + " s");
        } catch (IOException e) {
            throw DeliveryException.transientFailure("io", "connection failed (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw DeliveryException.transientFailure("interrupted", "interrupted while sending");
        }
    }
}
