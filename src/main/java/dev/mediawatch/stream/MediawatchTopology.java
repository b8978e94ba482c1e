package dev.mediawatch.stream;

import dev.mediawatch.enrich.Classifier;
import dev.mediawatch.kafka.JsonSerde;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Article;
import dev.mediawatch.model.Entity;
import dev.mediawatch.model.Mention;
import dev.mediawatch.model.RawArticle;
import dev.mediawatch.model.Subscription;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.common.utils.Bytes;
import dev.mediawatch.model.Coverage;

/**
 * The stream processing of mediawatch, built from its inputs:
 * <pre>
 * articles.raw -> [dedup, match entities, classify] -> (repartition to one key) -> [assign story]
 *   -> articles, mentions (per entity)
 *   -> + all-subscriptions-store -> [entity and query alerts] -> [one per subscription and story (one state per story), story updates] -> alerts
 * subscriptions -> [fan out by entity, and every one under "*"] -> entity-followers-store; "*" -> all-subscriptions-store
 * mentions -> coverage windows -> coverage; co-mention counts (by the pair's first entity);
 *   mentions -> [spikes] + entity-followers-store -> [once per spike] -> alerts
 * </pre>
 * An entity or query alert crosses two transactional hops (raw, then the story repartition), so under
 * exactly-once it is visible about two commit intervals after its article arrived.
 * Every processor, store and internal topic is named; the app runs with
 * {@code ensure.explicit.internal.resource.naming=true}.
 */
public final class MediawatchTopology {
    public static final String ENTITIES_STORE = "entities-store";
    public static final String SEEN_ARTICLES_STORE = "seen-articles-store";
    public static final String SUBSCRIPTIONS_STORE = "subscriptions-store";
    /** The subscriptions-by-entity table of versions before 2026-11-30: restored, moved out and emptied. */
    public static final String SUBSCRIPTIONS_BY_ENTITY_STORE = "subscriptions-by-entity-store";
    public static final String ALL_SUBSCRIPTIONS_STORE = "all-subscriptions-store";
    public static final String ENTITY_FOLLOWERS_STORE = "entity-followers-store";
    public static final String ALERTED_STORIES_STORE = "alerted-stories-store";
    public static final String ALERTED_SPIKES_STORE = "alerted-spikes-store";
    public static final String SPIKE_STATE_STORE = "spike-state-store";
    public static final String COVERAGE_5M_STORE = "coverage-5m-store";
    public static final String COVERAGE_HOURLY_STORE = "coverage-hourly-store";
    public static final String COMENTIONS_HOURLY_STORE = "comentions-hourly-store";
    public static final String STORIES_STORE = "stories-store";

    private static final JsonSerde<SubscriptionChange> CHANGE_SERDE = JsonSerde.of(SubscriptionChange.class);

    private MediawatchTopology() {
    }

    /**
     * Settings of the topology; {@link #defaults()} is what {@code mediawatch run} uses.
     *
     * @param coverageGrace how late (by published time) an article may arrive and still be counted
     */
    public record Settings(Classifier classifier, Duration dedupRetention, Clock clock, SpikeSettings spikes,
                           Duration coverageGrace, double storySimilarity, Duration storyUpdateEvery) {
        public static Settings defaults() {
            return new Settings(Classifier.defaults(), Duration.ofDays(3), Clock.systemUTC(), SpikeSettings.defaults(),
                    Duration.ofDays(2), 0.5, Duration.ofHours(1));
        }

        public Settings withClock(Clock c) {
            return new Settings(classifier, dedupRetention, c, spikes, coverageGrace, storySimilarity,
                    storyUpdateEvery);
        }

        public Settings withClassifier(Classifier c) {
            return new Settings(c, dedupRetention, clock, spikes, coverageGrace, storySimilarity, storyUpdateEvery);
        }

        public Settings withSpikes(SpikeSettings s) {
            return new Settings(classifier, dedupRetention, clock, s, coverageGrace, storySimilarity,
                    storyUpdateEvery);
        }
    }

    public static Topology build(Settings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        EntityIndex index = new EntityIndex(settings.classifier());
        addEntitiesStore(builder, index);
        subscriptionsByEntity(builder);
        KStream<String, Article> articles = enrich(builder, index, settings);
        articleAlerts(builder, articles, settings);
        KStream<String, Mention> mentions = builder.stream(Topics.MENTIONS.name(), Topics.MENTIONS.consumed());
        spikeAlerts(builder, mentions, settings);
        KStream<String, Mention> published = mentions.processValues(
                () -> new PublishedTime<Mention>(Mention::publishedAt), Named.as("coverage-published-time"));
        coverage(published, settings);
        coMentions(builder, published, settings);
        return builder.build();
    }

    private static void addEntitiesStore(StreamsBuilder builder, EntityIndex index) {
        builder.addGlobalStore(
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(ENTITIES_STORE),
                        Serdes.String(), Topics.ENTITIES.valueSerde()).withLoggingDisabled(),
                Topics.ENTITIES.name(),
                Consumed.with(Serdes.String(), Topics.ENTITIES.valueSerde()).withName("entities-source"),
                () -> new EntityStoreUpdater(index));
    }

    /**
     * Enriches raw articles, then passes them all through the story assigner under one key, so that
     * copies arriving on any partition meet; the result is keyed by story key "*" until written.
     */
    private static KStream<String, Article> enrich(StreamsBuilder builder, EntityIndex index, Settings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SEEN_ARTICLES_STORE), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORIES_STORE),
                Serdes.String(), StoryInfo.SERDE));
        KStream<String, RawArticle> raw = builder.stream(Topics.ARTICLES_RAW.name(), Topics.ARTICLES_RAW.consumed());
        KStream<String, Article> articles = raw
                .process(() -> new EnrichProcessor(index, settings.dedupRetention()),
                        Named.as("enrich-article"), SEEN_ARTICLES_STORE)
                .selectKey((id, article) -> EntitySubscriptions.ALL_KEY, Named.as("to-story-key"))
                .repartition(Repartitioned.<String, Article>as("articles-for-stories")
                        .withKeySerde(Serdes.String()).withValueSerde(InternalArticles.SERDE))
                .processValues(() -> new StoryAssigner(settings.dedupRetention(), settings.storySimilarity()),
                        Named.as("assign-story"), STORIES_STORE);
        articles.selectKey((k, article) -> article.articleId(), Named.as("by-article-id"))
                .to(Topics.ARTICLES.name(), Topics.ARTICLES.produced());
        articles.flatMap((k, article) -> article.entities().stream()
                                .map(e -> KeyValue.pair(e.id(), Mention.of(article, e))).toList(),
                        Named.as("article-mentions"))
                .to(Topics.MENTIONS.name(), Topics.MENTIONS.produced());
        return articles;
    }

    /**
     * Articles (under the one story key) joined with every subscription kept there: entity and query
     * alerts, once per subscription and story, straight to the alerts topic from the story task.
     */
    private static void articleAlerts(StreamsBuilder builder, KStream<String, Article> articles, Settings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALERTED_STORIES_STORE),
                Serdes.String(), StoryAlerts.SERDE));
        // joined with the "*" entry of every subscription, read again only when it changed; an article's
        // alerts stay together: once-per-story reads and writes its story's state once
        articles.processValues(() -> new ArticleAlertsProcessor(settings.clock()), Named.as("article-alerts"),
                        ALL_SUBSCRIPTIONS_STORE, SUBSCRIPTIONS_BY_ENTITY_STORE)
                .process(() -> new OncePerStory(ALERTED_STORIES_STORE, settings.dedupRetention(),
                        settings.storyUpdateEvery()), Named.as("once-per-story"), ALERTED_STORIES_STORE)
                .to(Topics.ALERTS.name(), Topics.ALERTS.produced());
    }

    /**
     * Subscriptions re-keyed by each entity they follow, one entry per entity and subscription in the
     * entity's task ({@link #ENTITY_FOLLOWERS_STORE}, for spike alerts), and every one under
     * {@link EntitySubscriptions#ALL_KEY}, one entry each, into the story task's
     * {@link #ALL_SUBSCRIPTIONS_STORE} (for entity and query alerts). A change writes one subscription.
     * The repartition topic is the one the earlier table's grouping created (same name, same records);
     * that table's store is still restored, and what it kept is moved to the two stores.
     *
     * <p>Without the table's join, nothing in the topology ties the partition counts of mentions and
     * subscriptions together any more: {@link #copartitioningProblem} is checked before the stream starts.
     */
    private static void subscriptionsByEntity(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SUBSCRIPTIONS_STORE), Serdes.String(), Topics.SUBSCRIPTIONS.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALL_SUBSCRIPTIONS_STORE),
                Serdes.String(), Topics.SUBSCRIPTIONS.valueSerde()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENTITY_FOLLOWERS_STORE),
                Serdes.String(), Topics.SUBSCRIPTIONS.valueSerde()));
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(SUBSCRIPTIONS_BY_ENTITY_STORE), Serdes.String(),
                JsonSerde.of(EntitySubscriptions.class)));
        KStream<String, SubscriptionChange> changes = builder
                .stream(Topics.SUBSCRIPTIONS.name(), Topics.SUBSCRIPTIONS.consumed())
                .process(SubscriptionFanOut::new, Named.as("subscription-fan-out"), SUBSCRIPTIONS_STORE)
                .repartition(Repartitioned.<String, SubscriptionChange>as("subscriptions-by-entity")
                        .withKeySerde(Serdes.String()).withValueSerde(CHANGE_SERDE));
        changes.process(EntityFollowers.Updater::new, Named.as("entity-followers-update"),
                ENTITY_FOLLOWERS_STORE, SUBSCRIPTIONS_BY_ENTITY_STORE);
        changes.process(AllSubscriptions.Updater::new, Named.as("all-subscriptions-update"),
                ALL_SUBSCRIPTIONS_STORE, SUBSCRIPTIONS_BY_ENTITY_STORE);
    }

    /**
     * Why the stream cannot run on topics with these partition counts, or null. An entity's mentions and
     * its subscription changes must reach the same task, and so must the articles and subscriptions
     * sent to the story task: the topology's repartition topics take the counts of
     * {@code mediawatch.subscriptions} and {@code mediawatch.articles.raw}, so those and
     * {@code mediawatch.mentions} need one count.
     */
    public static String copartitioningProblem(Map<String, Integer> partitions) {
        List<String> names = List.of(Topics.ARTICLES_RAW.name(), Topics.MENTIONS.name(), Topics.SUBSCRIPTIONS.name());
        java.util.Set<Integer> counts = new java.util.TreeSet<>();
        for (String name : names) {
            Integer n = partitions.get(name);
            if (n == null) return name + " does not exist";
            counts.add(n);
        }
        if (counts.size() == 1) return null;
        StringBuilder what = new StringBuilder();
        for (String name : names) {
            if (what.length() > 0) what.append(", ");
            what.append(name).append(' ').append(partitions.get(name));
        }
        return "the stream needs " + String.join(", ", names) + " to have the same number of partitions, they have: "
                + what + " (topics/*.yaml, partitions; an existing topic's count is not changed by topics apply)";
    }

    /**
     * Coverage spikes per entity, each joined with the entity's followers (a prefix scan of
     * {@link #ENTITY_FOLLOWERS_STORE} in the same task): one alert per subscription and spike.
     */
    private static void spikeAlerts(StreamsBuilder builder, KStream<String, Mention> mentions, Settings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ALERTED_SPIKES_STORE),
                Serdes.String(), StoryAlertState.SERDE));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SPIKE_STATE_STORE), Serdes.String(), SpikeState.SERDE));
        mentions.processValues(() -> new SpikeDetector(settings.spikes()), Named.as("spike-detector"),
                        SPIKE_STATE_STORE)
                .process(() -> new EntityFollowers.SpikeJoin(settings.clock()), Named.as("spike-alerts"),
                        ENTITY_FOLLOWERS_STORE, SUBSCRIPTIONS_BY_ENTITY_STORE)
                // A spike's id names its entity, whose task this is: deduplicated here, no repartition.
                .process(() -> new OncePerSpike(ALERTED_SPIKES_STORE, settings.dedupRetention()),
                        Named.as("once-per-spike"), ALERTED_SPIKES_STORE)
                .to(Topics.ALERTS.name(), Topics.ALERTS.produced("spike-alerts-sink"));
    }

    /** Articles per entity (and outlet) by published time: 5-minute and hourly windows, hourly to the topic. */
    private static void coverage(KStream<String, Mention> published, Settings settings) {
        var byEntity = published
                .groupByKey(Grouped.with("coverage-by-entity", Serdes.String(), Topics.MENTIONS.valueSerde()));
        byEntity.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofMinutes(5), settings.coverageGrace()))
                .aggregate(OutletCounts::empty, (entity, m, counts) -> counts.add(m.outlet()),
                        Named.as("coverage-5m-aggregate"), windowStore(COVERAGE_5M_STORE, Duration.ofDays(3)));
        byEntity.windowedBy(TimeWindows.ofSizeAndGrace(Duration.ofHours(1), settings.coverageGrace()))
                .aggregate(OutletCounts::empty, (entity, m, counts) -> counts.add(m.outlet()),
                        Named.as("coverage-hourly-aggregate"), windowStore(COVERAGE_HOURLY_STORE, Duration.ofDays(35)))
                .toStream(Named.as("coverage-hourly-changes"))
                .map((window, counts) -> KeyValue.pair(window.key(), new Coverage(window.key(),
                        window.window().startTime(), window.window().endTime(), counts.total(), counts.byOutlet())),
                        Named.as("coverage-records"))
                .to(Topics.COVERAGE.name(), Topics.COVERAGE.produced());
    }

    /**
     * Each pair of entities named in one article, counted per hour of publication by the task of the
     * pair's first entity (the mentions are partitioned by entity already: no repartition by pair).
     */
    private static void coMentions(StreamsBuilder builder, KStream<String, Mention> published, Settings settings) {
        builder.addStateStore(Stores.timestampedWindowStoreBuilder(
                Stores.persistentTimestampedWindowStore(COMENTIONS_HOURLY_STORE, Duration.ofDays(35),
                        CoMentionCounter.WINDOW, false),
                Serdes.String(), Serdes.Long()));
        published.process(() -> new CoMentionCounter(settings.coverageGrace()), Named.as("comentions-hourly-count"),
                COMENTIONS_HOURLY_STORE);
    }

    private static Materialized<String, OutletCounts, WindowStore<Bytes, byte[]>> windowStore(String name,
                                                                                              Duration retention) {
        return Materialized.<String, OutletCounts, WindowStore<Bytes, byte[]>>as(name)
                .withKeySerde(Serdes.String()).withValueSerde(OutletCounts.SERDE).withRetention(retention);
    }

}
