package dev.mediawatch.stream;

import dev.mediawatch.metrics.MediawatchMetrics;
import dev.mediawatch.metrics.MetricLabels;
import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Article;
import dev.mediawatch.model.EntityMention;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What the stream processors record: coverage when an article is enriched, alert counts and the
 * service's own latency when an alert leaves. Label values go through {@link MetricLabels}, so only
 * configured outlets, entities, subscriptions and categories become series.
 *
 * <p>Counted when a processor forwards. Under exactly-once a task that is retried after a crash
 * processes a record twice; the counters may then run ahead by that record, the topics never do.
 */
final class StreamMetrics {
    private StreamMetrics() {
    }

    static void articleEnriched(Article article) {
        MetricLabels labels = MetricLabels.current();
        String outlet = labels.outlet(article.outlet());
        for (String category : article.categories()) {
            MediawatchMetrics.ARTICLES_ENRICHED.labelValues(outlet, labels.category(category)).inc();
        }
        List<EntityMention> entities = article.entities();
        for (EntityMention mention : entities) {
            MediawatchMetrics.MENTIONS.labelValues(labels.entity(mention.id())).inc();
        }
        for (int i = 0; i < entities.size(); i++) {
            for (int j = i + 1; j < entities.size(); j++) {
                MediawatchMetrics.COMENTIONS.labelValues(
                        labels.entityPair(entities.get(i).id(), entities.get(j).id())).inc();
            }
        }
    }

    /** The first copy of a story: one new story for each entity it mentions. */
    static void storyStarted(Article article) {
        MetricLabels labels = MetricLabels.current();
        for (EntityMention mention : article.entities()) {
            MediawatchMetrics.STORIES.labelValues(labels.entity(mention.id())).inc();
        }
    }

    static void alertEmitted(Alert alert) {
        MetricLabels labels = MetricLabels.current();
        MediawatchMetrics.ALERTS.labelValues(labels.subscription(alert.subscriptionId()), labels.kind(alert.kind()))
                .inc();
        Instant detected = alert.detectedAt();
        // Latency is that of an article's first alert: a spike's times are the spike's, a story update comes later by design.
        boolean aboutAnArticle = Alert.KIND_ENTITY.equals(alert.kind()) || Alert.KIND_QUERY.equals(alert.kind());
        if (detected == null || !aboutAnArticle) return;
        observe(MediawatchMetrics.PUBLISHED_TO_DETECTED, alert.publishedAt(), detected);
        observe(MediawatchMetrics.FETCHED_TO_ALERT, alert.fetchedAt(), detected);
    }

    /** A start after the end (a feed dating its items in the future, clocks apart) says nothing: left out. */
    private static void observe(io.prometheus.metrics.core.metrics.Histogram histogram, Instant start, Instant end) {
        if (start == null || start.isAfter(end)) return;
        histogram.observe(Duration.between(start, end).toNanos() / 1e9);
    }
}
