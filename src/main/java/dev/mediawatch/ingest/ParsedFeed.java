package dev.mediawatch.ingest;

import java.util.List;

/**
 * A parsed feed.
 *
 * @param title   the feed's title as plain text, possibly empty
 * @param entries the entries in document order
 */
public record ParsedFeed(String title, List<FeedEntry> entries) {
    public ParsedFeed {
        if (title == null) title = "";
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
