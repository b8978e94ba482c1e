package dev.mediawatch.ingest;

/**
 * HTTP cache validators of a fetched resource, sent back on the next conditional GET.
 *
 * @param etag         the {@code ETag} header value, or null
 * @param lastModified the {@code Last-Modified} header value as received, or null
 */
public record Validators(String etag, String lastModified) {

    private static final Validators NONE = new Validators(null, null);

    public Validators {
        // blank headers are as good as none, and must not be sent back as empty If-None-Match
        if (etag != null && etag.isBlank()) etag = null;
        if (lastModified != null && lastModified.isBlank()) lastModified = null;
    }

    public static Validators none() {
        return NONE;
    }

    public boolean isEmpty() {
        return etag == null && lastModified == null;
    }
}
