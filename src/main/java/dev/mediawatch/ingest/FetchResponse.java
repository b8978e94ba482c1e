package dev.mediawatch.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of a successful (2xx) or not-modified (304) GET.
 *
 * @param status      the final HTTP status
 * @param finalUri    the URI after redirects
 * @param body        the decoded body (empty for 304); not copied, do not modify
 * @param contentType the {@code Content-Type} header, or null
 * @param validators  validators to send next time (for a 304 without new ones, those that were sent)
 * @param retryAfter  the server's {@code Retry-After}, or null if none
 */
public record FetchResponse(int status, URI finalUri, byte[] body, String contentType, Validators validators,
                            Duration retryAfter) {

    public FetchResponse {
        if (status < 100 || status > 599) throw new IllegalArgumentException("status out of range: " + status);
        Objects.requireNonNull(finalUri, "finalUri");
        if (body == null) body = new byte[0];
        if (validators == null) validators = Validators.none();
    }

    public boolean notModified() {
        return status == 304;
    }
}
