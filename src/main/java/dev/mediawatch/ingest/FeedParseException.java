package dev.mediawatch.ingest;

/** The body is not a feed we can read, or it is refused (e.g. it carries a DOCTYPE). */
public final class FeedParseException extends Exception {
    public FeedParseException(String message) {
        super(message);
    }

    public FeedParseException(String message, Throwable cause) {
        super(message, cause);
    }
}
