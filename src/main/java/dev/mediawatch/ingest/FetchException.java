package dev.mediawatch.ingest;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;

/** Why a fetch failed, typed so the poller can decide between backing off, retrying and giving up. */
public final class FetchException extends IOException {

    /** The failure classes the poller treats differently. */
    public enum Kind { BLOCKED, BAD_URL, TIMEOUT, TOO_LARGE, TOO_MANY_REDIRECTS, HTTP_STATUS, IO }

    private final Kind kind;
    private final int status;
    private final transient Duration retryAfter;

    public FetchException(Kind kind, String message) {
        this(kind, message, null);
    }

    public FetchException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, 0, null);
    }

    private FetchException(Kind kind, String message, Throwable cause, int status, Duration retryAfter) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.status = status;
        this.retryAfter = retryAfter;
    }

    /** An unexpected HTTP status; {@code retryAfter} may be null. */
    public static FetchException httpStatus(int status, Duration retryAfter, String message) {
        return new FetchException(Kind.HTTP_STATUS, message, null, status, retryAfter);
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status for {@link Kind#HTTP_STATUS}, else 0. */
    public int status() {
        return status;
    }

    /** How long the server asked us to wait, or null. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
