package dev.mediawatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alert: the value on {@code mediawatch.alerts}, keyed by {@link #subscriptionId()}.
 * {@link #alertId()} is stable: the same alert has the same id across retries and restarts.
 * {@link #storyOutlets()} (may be null) lists the outlets carrying the story when the alert was made.
 *
 * @param mention   optional: the words of the snippet that matched (the first entity's alias as written), so
 *                  deliveries can set them in bold
 * @param fetchedAt optional: when the poller fetched the article, so the service's own speed can be measured
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Alert(
        String alertId,
        String kind,
        String subscriptionId,
        String articleId,
        String storyId,
        String url,
        String title,
        String outlet,
        Instant publishedAt,
        Instant detectedAt,
        List<String> entities,
        String snippet,
        String reason,
        List<String> storyOutlets,
        String mention,
        Instant fetchedAt) {

    public static final String KIND_ENTITY = "entity";
    public static final String KIND_QUERY = "query";
    public static final String KIND_SPIKE = "spike";
    public static final String KIND_STORY_UPDATE = "story-update";

    public Alert {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(subscriptionId, "subscriptionId");
        entities = entities == null ? List.of() : List.copyOf(entities);
        storyOutlets = storyOutlets == null ? null : List.copyOf(storyOutlets);
        if (mention != null && mention.isBlank()) mention = null;
    }

    /** An alert without the optional outlets and mention. */
    public Alert(String alertId, String kind, String subscriptionId, String articleId, String storyId, String url,
                 String title, String outlet, Instant publishedAt, Instant detectedAt, List<String> entities,
                 String snippet, String reason) {
        this(alertId, kind, subscriptionId, articleId, storyId, url, title, outlet, publishedAt, detectedAt,
                entities, snippet, reason, null, null, null);
    }

    /** An alert without the optional mention. */
    public Alert(String alertId, String kind, String subscriptionId, String articleId, String storyId, String url,
                 String title, String outlet, Instant publishedAt, Instant detectedAt, List<String> entities,
                 String snippet, String reason, List<String> storyOutlets) {
        this(alertId, kind, subscriptionId, articleId, storyId, url, title, outlet, publishedAt, detectedAt,
                entities, snippet, reason, storyOutlets, null, null);
    }

    /** An alert without the fetch time (spikes are about no one article). */
    public Alert(String alertId, String kind, String subscriptionId, String articleId, String storyId, String url,
                 String title, String outlet, Instant publishedAt, Instant detectedAt, List<String> entities,
                 String snippet, String reason, List<String> storyOutlets, String mention) {
        this(alertId, kind, subscriptionId, articleId, storyId, url, title, outlet, publishedAt, detectedAt,
                entities, snippet, reason, storyOutlets, mention, null);
    }
}
