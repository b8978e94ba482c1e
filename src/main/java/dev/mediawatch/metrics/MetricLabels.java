package dev.mediawatch.metrics;

import dev.mediawatch.kafka.Topics;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * The bounded label dimensions of the coverage metrics, built from the configured registries at
 * start-up and installed once per process. Installing exports every known combination at 0, so a
 * dashboard shows a flat line for a quiet entity instead of no line at all.
 *
 * <p>Until a process installs its own, {@link #current()} holds an empty set of registries: every
 * value then reads {@value BoundedLabels#OTHER}, which keeps a stray caller bounded too.
 */
public final class MetricLabels {
    /** Default of {@code metrics.maxLabelValues}. */
    public static final int DEFAULT_MAX_LABEL_VALUES = 500;
    /** Alert kinds of ARCHITECTURE.md. */
    public static final List<String> ALERT_KINDS = List.of("entity", "query", "spike", "story-update");

    /** Feed-poll results every feed is exported with at 0 (error kinds appear as they happen). */
    public static final List<String> FEED_RESULTS = List.of("ok", "not-modified");

    private static volatile MetricLabels current = new MetricLabels(DEFAULT_MAX_LABEL_VALUES,
            List.of(), List.of(), List.of(), List.of(), List.of());

    private final int limit;
    private final BoundedLabels feeds;
    private final BoundedLabels outlets;
    private final BoundedLabels entities;
    private final BoundedLabels subscriptions;
    private final BoundedLabels categories;
    private final BoundedLabels entityPairs;

    public MetricLabels(int limit, Collection<String> feeds, Collection<String> outlets, Collection<String> entities,
                        Collection<String> subscriptions, Collection<String> categories) {
        this.limit = limit;
        this.feeds = BoundedLabels.of("feed", limit, feeds);
        this.outlets = BoundedLabels.of("outlet", limit, outlets);
        this.entities = BoundedLabels.of("entity", limit, entities);
        this.subscriptions = BoundedLabels.of("subscription", limit, subscriptions);
        this.categories = BoundedLabels.of("category", limit, categories);
        // Pairs grow with the square of the entities: they get the same limit of their own.
        this.entityPairs = BoundedLabels.of("entity pair", limit, List.of());
    }

    /** Makes {@code labels} the process's label registry and exports its known values at 0. */
    public static void install(MetricLabels labels) {
        current = Objects.requireNonNull(labels, "labels");
        labels.exportZeros();
    }

    public static MetricLabels current() {
        return current;
    }

    /** For the poller's metrics: a configured feed id, or "other". */
    public String feed(String feedId) {
        return feeds.label(feedId);
    }

    public String outlet(String outlet) {
        return outlets.label(outlet);
    }

    public String entity(String entityId) {
        return entities.label(entityId);
    }

    public String subscription(String subscriptionId) {
        return subscriptions.label(subscriptionId);
    }

    public String category(String category) {
        return categories.label(category);
    }

    /** An alert kind outside ARCHITECTURE.md's list (a newer producer) reads "other". */
    public String kind(String kind) {
        return ALERT_KINDS.contains(kind) ? kind : BoundedLabels.OTHER;
    }

    /**
     * The labels of a co-mention, in a stable order (a before b); a pair past the limit, or with an
     * entity outside the registry, reads other/other.
     */
    public String[] entityPair(String a, String b) {
        String first = entity(a);
        String second = entity(b);
        if (first.compareTo(second) > 0) {
            String t = first;
            first = second;
            second = t;
        }
        if (first.equals(BoundedLabels.OTHER) || second.equals(BoundedLabels.OTHER)
                || !entityPairs.admit(first + '\n' + second)) {
            return new String[] {BoundedLabels.OTHER, BoundedLabels.OTHER};
        }
        return new String[] {first, second};
    }

    /** An entity added while running (through {@code mediawatch.entities}) gets its own series while there is room. */
    public void admitEntity(String entityId) {
        if (entities.admit(entityId)) exportEntity(entityId);
    }

    /** A subscription added while running gets its own series while there is room. */
    public void admitSubscription(String subscriptionId) {
        if (subscriptions.admit(subscriptionId)) exportSubscription(subscriptionId);
    }

    public int limit() {
        return limit;
    }

    private void exportZeros() {
        for (String feed : feeds.values()) {
            for (String result : FEED_RESULTS) MediawatchMetrics.FEED_POLLS.initLabelValues(feed, result);
        }
        for (String outlet : outlets.values()) {
            MediawatchMetrics.ARTICLES_PRODUCED.initLabelValues(outlet);
            for (String category : categories.values()) {
                MediawatchMetrics.ARTICLES_ENRICHED.initLabelValues(outlet, category);
            }
        }
        entities.values().forEach(this::exportEntity);
        subscriptions.values().forEach(this::exportSubscription);
        exportPairs();
        for (String topic : List.of(Topics.ARTICLES_RAW.name(), Topics.MENTIONS.name(), Topics.SUBSCRIPTIONS.name())) {
            MediawatchMetrics.DEAD_LETTERS.initLabelValues(topic);
        }
    }

    private void exportEntity(String entity) {
        MediawatchMetrics.MENTIONS.initLabelValues(entity);
        MediawatchMetrics.STORIES.initLabelValues(entity);
    }

    private void exportSubscription(String subscription) {
        for (String kind : ALERT_KINDS) MediawatchMetrics.ALERTS.initLabelValues(subscription, kind);
    }

    /** Every pair of configured entities at 0, as far as the pair limit allows, and the other/other series. */
    private void exportPairs() {
        List<String> ids = new ArrayList<>(entities.values());
        ids.remove(BoundedLabels.OTHER);
        ids.sort(null);
        for (int i = 0; i < ids.size(); i++) {
            for (int j = i + 1; j < ids.size(); j++) {
                if (!entityPairs.admit(ids.get(i) + '\n' + ids.get(j))) break;
                MediawatchMetrics.COMENTIONS.initLabelValues(ids.get(i), ids.get(j));
            }
        }
        MediawatchMetrics.COMENTIONS.initLabelValues(BoundedLabels.OTHER, BoundedLabels.OTHER);
    }
}
