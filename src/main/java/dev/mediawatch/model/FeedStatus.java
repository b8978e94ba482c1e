package dev.mediawatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * A feed's poll state: the value on {@code mediawatch.feed-status}, keyed by {@link #feedId()}.
 * It travels with the feed, so a restart or another poller taking the feed over keeps conditional
 * GET and back-off.
 *
 * @param result              of the last poll: {@code ok}, {@code not-modified} or an error kind
 * @param consecutiveFailures polls failed in a row; 0 after a success
 * @param itemsSeen           items seen in the feed in all
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
        long itemsSeen) {

    public FeedStatus {
        Objects.requireNonNull(feedId, "feedId");
    }

    public static FeedStatus initial(FeedSource feed) {
        return new FeedStatus(feed.id(), feed.url(), null, null, null, null, null, null, null, 0, null, 0);
    }

    public boolean healthy() {
        return consecutiveFailures == 0;
    }
}
