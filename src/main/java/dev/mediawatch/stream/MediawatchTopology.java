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
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The stream processing of mediawatch, built from its inputs:
 * <pre>
 * articles.raw -> [dedup, match entities, classify] -> articles -> [one record per entity] -> mentions
 * subscriptions -> [fan out by entity] -> subscriptions-by-entity table
 * mentions + subscriptions-by-entity -> [one alert per subscription and story] -> alerts
 * </pre>
 * Every processor, store and internal topic is named; the app runs with
 * {@code ensure.explicit.internal.resource.naming=true}.
 */
public final class MediawatchTopology {
    public static final String ENTITIES_STORE = "entities-store";
    public static final String SEEN_ARTICLES_STORE = "seen-articles-store";
    public static final String SUBSCRIPTIONS_STORE = "subscriptions-store";
    public static final String SUBSCRIPTIONS_BY_ENTITY_STORE = "subscriptions-by-entity-store";
    public static final String ALERTED_STORIES_STORE = "alerted-stories-store";

    private static final JsonSerde<SubscriptionChange> CHANGE_SERDE = JsonSerde.of(SubscriptionChange.class);
    private static final JsonSerde<EntitySubscriptions> FOLLOWERS_SERDE = JsonSerde.of(EntitySubscriptions.class);

    private MediawatchTopology() {
    }

    /** Settings of the topology; {@link #defaults()} is what {@code mediawatch run} uses. */
    public record Settings(Classifier classifier, Duration dedupRetention, Clock clock) {
        public static Settings defaults() {
            return new Settings(Classifier.defaults(), Duration.ofDays(3), Clock.systemUTC());
        }
    }

    public static Topology build(Settings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        EntityIndex index = new EntityIndex();
        addEntitiesStore(builder, index);
        enrich(builder, index, settings);
        KTable<String, EntitySubscriptions> followers = subscriptionsByEntity(builder);
        alerts(builder, followers, settings);
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

    private static void enrich(StreamsBuilder builder, EntityIndex index, Settings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SEEN_ARTICLES_STORE), Serdes.String(), Serdes.Long()));
        KStream<String, RawArticle> raw = builder.stream(Topics.ARTICLES_RAW.name(), Topics.ARTICLES_RAW.consumed());
        KStream<String, Article> articles = raw.process(
                () -> new EnrichProcessor(index, settings.classifier(), settings.dedupRetention()),
                Named.as("enrich-article"), SEEN_ARTICLES_STORE);
        articles.to(Topics.ARTICLES.name(), Topics.ARTICLES.produced());
        articles.flatMap((id, article) -> article.entities().stream()
                                .map(e -> KeyValue.pair(e.id(), Mention.of(article, e))).toList(),
                        Named.as("article-mentions"))
                .to(Topics.MENTIONS.name(), Topics.MENTIONS.produced());
    }

    private static KTable<String, EntitySubscriptions> subscriptionsByEntity(StreamsBuilder builder) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(SUBSCRIPTIONS_STORE), Serdes.String(), Topics.SUBSCRIPTIONS.valueSerde()));
        return builder.stream(Topics.SUBSCRIPTIONS.name(), Topics.SUBSCRIPTIONS.consumed())
                .process(SubscriptionFanOut::new, Named.as("subscription-fan-out"), SUBSCRIPTIONS_STORE)
                .groupByKey(Grouped.with("subscriptions-by-entity", Serdes.String(), CHANGE_SERDE))
                .aggregate(EntitySubscriptions::empty, (entity, change, followers) -> followers.apply(change),
                        Named.as("subscriptions-by-entity-aggregate"),
                        Materialized.<String, EntitySubscriptions, org.apache.kafka.streams.state.KeyValueStore<
                                        org.apache.kafka.common.utils.Bytes, byte[]>>as(SUBSCRIPTIONS_BY_ENTITY_STORE)
                                .withKeySerde(Serdes.String()).withValueSerde(FOLLOWERS_SERDE));
    }

    private static void alerts(StreamsBuilder builder, KTable<String, EntitySubscriptions> followers,
                               Settings settings) {
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(ALERTED_STORIES_STORE), Serdes.String(), Serdes.Long()));
        builder.stream(Topics.MENTIONS.name(), Topics.MENTIONS.consumed())
                .join(followers, MentionWithFollowers::new,
                        Joined.<String, Mention, EntitySubscriptions>as("mention-subscription-join")
                                .withKeySerde(Serdes.String()).withValueSerde(Topics.MENTIONS.valueSerde()))
                .flatMap((entity, m) -> MentionAlerts.of(m.mention(), m.followers(), settings.clock().instant()),
                        Named.as("mention-alerts"))
                .repartition(Repartitioned.<String, Alert>as("alerts-by-subscription")
                        .withKeySerde(Serdes.String()).withValueSerde(Topics.ALERTS.valueSerde()))
                .process(() -> new OncePerStory(settings.dedupRetention()), Named.as("once-per-story"),
                        ALERTED_STORIES_STORE)
                .to(Topics.ALERTS.name(), Topics.ALERTS.produced());
    }

    private record MentionWithFollowers(Mention mention, EntitySubscriptions followers) {
    }
}
