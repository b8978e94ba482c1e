package dev.mediawatch.kafka;

import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Article;
import dev.mediawatch.model.Coverage;
import dev.mediawatch.model.Delivery;
import dev.mediawatch.model.Entity;
import dev.mediawatch.model.FeedSource;
import dev.mediawatch.model.FeedStatus;
import dev.mediawatch.model.Mention;
import dev.mediawatch.model.RawArticle;
import dev.mediawatch.model.Subscription;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/** The typed topics of ARCHITECTURE.md. Their partitions and configs live in {@code topics/*.yaml}. */
public final class Topics {
    private static final Serde<String> KEY = Serdes.String();

    public static final Topic<String, FeedSource> FEEDS =
            new Topic<>("mediawatch.feeds", KEY, JsonSerde.of(FeedSource.class));
    public static final Topic<String, FeedStatus> FEED_STATUS =
            new Topic<>("mediawatch.feed-status", KEY, JsonSerde.of(FeedStatus.class));
    public static final Topic<String, Entity> ENTITIES =
            new Topic<>("mediawatch.entities", KEY, JsonSerde.of(Entity.class));
    public static final Topic<String, Subscription> SUBSCRIPTIONS =
            new Topic<>("mediawatch.subscriptions", KEY, JsonSerde.of(Subscription.class));
    public static final Topic<String, RawArticle> ARTICLES_RAW =
            new Topic<>("mediawatch.articles.raw", KEY, JsonSerde.of(RawArticle.class));
    public static final Topic<String, Article> ARTICLES =
            new Topic<>("mediawatch.articles", KEY, JsonSerde.of(Article.class));
    public static final Topic<String, Mention> MENTIONS =
            new Topic<>("mediawatch.mentions", KEY, JsonSerde.of(Mention.class));
    public static final Topic<String, Coverage> COVERAGE =
            new Topic<>("mediawatch.coverage", KEY, JsonSerde.of(Coverage.class));
    public static final Topic<String, Alert> ALERTS =
            new Topic<>("mediawatch.alerts", KEY, JsonSerde.of(Alert.class));
    public static final Topic<String, Delivery> DELIVERIES =
            new Topic<>("mediawatch.deliveries", KEY, JsonSerde.of(Delivery.class));
    public static final Topic<byte[], byte[]> DLQ =
            new Topic<>("mediawatch.dlq", Serdes.ByteArray(), Serdes.ByteArray());

    private Topics() {
    }
}
