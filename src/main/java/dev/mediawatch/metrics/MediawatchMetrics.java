package dev.mediawatch.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Every metric mediawatch exports, in one place so names stay consistent and label values stay
 * bounded (outlets, entities, subscriptions, channel types and result kinds: never URLs or ids of
 * articles). All live in {@link PrometheusRegistry#defaultRegistry}; {@code /metrics} exposes it.
 * Components record through these fields; tests assert on deltas, since the registry is per JVM.
 * Counters and histograms keep no exemplars: mediawatch has no traces to link them to, and sampling
 * them scheduled a task per accepted observation (a tenth of a CPU millisecond per article, measured).
 */
public final class MediawatchMetrics {
    private static final PrometheusRegistry REGISTRY = PrometheusRegistry.defaultRegistry;

    // ---- ingestion ----
    public static final Counter FEED_POLLS = Counter.builder().withoutExemplars().name("mediawatch_feed_polls_total")
            .help("Feed polls by feed and result (ok, not-modified, or an error kind)")
            .labelNames("feed", "result").register(REGISTRY);
    public static final Counter FEED_POLL_FAILURES = Counter.builder().withoutExemplars().name("mediawatch_feed_poll_failures_total")
            .help("Feed polls that failed, by feed and error kind").labelNames("feed", "error").register(REGISTRY);
    public static final Histogram FETCH_DURATION = Histogram.builder().withoutExemplars().name("mediawatch_fetch_duration_seconds")
            .help("Duration of HTTP fetches of feeds and pages").labelNames("kind")
            .classicOnly().classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20).register(REGISTRY);
    public static final Counter FETCH_BYTES = Counter.builder().withoutExemplars().name("mediawatch_fetch_bytes_total")
            .help("Bytes received by HTTP fetches, after decompression").labelNames("kind").register(REGISTRY);
    public static final Counter ARTICLES_PRODUCED = Counter.builder().withoutExemplars().name("mediawatch_articles_produced_total")
            .help("Articles produced to mediawatch.articles.raw, by outlet").labelNames("outlet").register(REGISTRY);
    public static final Gauge FEEDS_FAILING = Gauge.builder().name("mediawatch_feeds_failing")
            .help("Feeds owned by this instance whose last poll failed").register(REGISTRY);
    public static final Gauge FEEDS_OWNED = Gauge.builder().name("mediawatch_feeds_owned")
            .help("Feeds owned by this poller instance").register(REGISTRY);

    // ---- stream processing and coverage ----
    public static final Counter ARTICLES_ENRICHED = Counter.builder().withoutExemplars().name("mediawatch_articles_enriched_total")
            .help("Articles enriched, by outlet and category").labelNames("outlet", "category").register(REGISTRY);
    public static final Counter MENTIONS = Counter.builder().withoutExemplars().name("mediawatch_mentions_total")
            .help("Entity mentions in enriched articles, by entity").labelNames("entity").register(REGISTRY);
    public static final Counter STORIES = Counter.builder().withoutExemplars().name("mediawatch_stories_total")
            .help("New stories (first copies), by entity").labelNames("entity").register(REGISTRY);
    public static final Counter COMENTIONS = Counter.builder().withoutExemplars().name("mediawatch_comentions_total")
            .help("Articles mentioning both entities of a pair (entity_a sorts before entity_b)")
            .labelNames("entity_a", "entity_b").register(REGISTRY);
    public static final Counter ALERTS = Counter.builder().withoutExemplars().name("mediawatch_alerts_total")
            .help("Alerts written, by subscription and kind").labelNames("subscription", "kind").register(REGISTRY);
    public static final Counter DEAD_LETTERS = Counter.builder().withoutExemplars().name("mediawatch_dead_letter_records_total")
            .help("Poison records sent to mediawatch.dlq, by source topic").labelNames("topic").register(REGISTRY);
    public static final Histogram PUBLISHED_TO_DETECTED = Histogram.builder().withoutExemplars()
            .name("mediawatch_published_to_detected_seconds")
            .help("From an article's published time to its alert being detected")
            .classicOnly().classicUpperBounds(10, 30, 60, 120, 300, 600, 1800, 3600, 7200, 21600, 86400)
            .register(REGISTRY);
    public static final Histogram FETCHED_TO_ALERT = Histogram.builder().withoutExemplars().name("mediawatch_fetched_to_alert_seconds")
            .help("From an article's fetch by the poller to its alert").classicOnly()
            .classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60).register(REGISTRY);

    // ---- delivery ----
    public static final Counter DELIVERY_ATTEMPTS = Counter.builder().withoutExemplars().name("mediawatch_delivery_attempts_total")
            .help("Delivery attempts by channel type and result").labelNames("channel", "result").register(REGISTRY);
    public static final Counter DELIVERY_FAILURES = Counter.builder().withoutExemplars().name("mediawatch_delivery_failures_total")
            .help("Delivery attempts that failed, by channel type and reason").labelNames("channel", "reason")
            .register(REGISTRY);
    public static final Histogram DETECTED_TO_DELIVERED = Histogram.builder().withoutExemplars()
            .name("mediawatch_detected_to_delivered_seconds").help("From an alert's detection to its delivery")
            .labelNames("channel").classicOnly().classicUpperBounds(0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300)
            .register(REGISTRY);
    public static final Counter SLACK_RATE_LIMITED = Counter.builder().withoutExemplars().name("mediawatch_slack_rate_limited_total")
            .help("Slack answers 429 (rate limited) to incoming-webhook posts").register(REGISTRY);
    public static final Gauge CHANNELS_DISABLED = Gauge.builder().name("mediawatch_channels_disabled")
            .help("Channels disabled after their destination answered 410 Gone, by channel type, until their config changes")
            .labelNames("channel").register(REGISTRY);

    private MediawatchMetrics() {
    }

    public static PrometheusRegistry registry() {
        return REGISTRY;
    }
}
