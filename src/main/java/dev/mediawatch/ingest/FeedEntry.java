package dev.mediawatch.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * One item of a feed.
 *
 * @param id        the GUID / Atom id, else the link, else a hash of the entry's content; never null
 * @param title     plain text, possibly empty
 * @param link      absolute URL of the article, or null when the feed gives none
 * @param published publication (else update) time, or null
 * @param summary   the description as plain text, possibly empty
 */
public record FeedEntry(String id, String title, String link, Instant published, String summary) {
    public FeedEntry {
        Objects.requireNonNull(id, "id");
        if (title == null) title = "";
        if (summary == null) summary = "";
    }
}
