package dev.mediawatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A feed's poll state: the value on {@code mediawatch.feed-status}, keyed by {@link #feedId()}.
 * It travels with the feed, so a restart or another poller taking the feed over keeps conditional
 * GET, back-off, the adaptive interval and the knowledge of which items were already turned into
 * articles.
 *
 * @param result              of the last poll: {@code ok}, {@code not-modified} or an error kind
 * @param consecutiveFailures polls failed in a row; 0 after a success
 * @param itemsSeen           items seen in the feed in all
 * @param interval            the adaptive interval now in use; null until the first poll (the feed's
 *                            configured interval is the starting point)
 * @param lastFetchedAt       when the feed last answered with a full body (not 304); a feed whose
 *                            validators lie is fetched unconditionally after a while
 * @param seenItems           short hashes of the canonical links of the items in the last parsed
 *                            document, so a new owner does not fetch their pages again
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FeedStatus(
        String feedId,
        String url,
        String etag,
        String lastModified,
        String contentHash,
        Instant lastPollAt,
        Instant lastSuccessAt,
        Instant nextPollAt,
        String result,
        int consecutiveFailures,
        String lastError,
        long itemsSeen,
        Duration interval,
        Instant lastFetchedAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> seenItems) {

    public FeedStatus {
        Objects.requireNonNull(feedId, "feedId");
        seenItems = seenItems == null ? List.of() : List.copyOf(seenItems);
    }

    public static FeedStatus initial(FeedSource feed) {
        return new FeedStatus(feed.id(), feed.url(), null, null, null, null, null, null, null, 0, null, 0, null, null,
                List.of());
    }

    public boolean healthy() {
        return consecutiveFailures == 0;
    }

    /** This status with the adaptive interval forgotten, e.g. after the feed's configured interval changed. */
    public FeedStatus withInterval(Duration newInterval) {
        return new FeedStatus(feedId, url, etag, lastModified, contentHash, lastPollAt, lastSuccessAt, nextPollAt,
                result, consecutiveFailures, lastError, itemsSeen, newInterval, lastFetchedAt, seenItems);
    }
}
