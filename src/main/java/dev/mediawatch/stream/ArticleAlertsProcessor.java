package dev.mediawatch.stream;

import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Article;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Joins each article (under the one story key) with every subscription, the subscriptions-by-entity
 * table's {@link EntitySubscriptions#ALL_KEY} entry, and gives its entity and query alerts; an article
 * arriving while there is no subscription at all gives nothing, as the inner join it replaces did.
 *
 * <p>That entry holds every subscription, so it is large (155 KB of JSON for the load benchmark's 1,100
 * subscriptions) and changes rarely. A table join read it from RocksDB for every article: the copies
 * (the read, the store's format adapters, the comparison that spared the parse) were 4.4% of the stream
 * thread at 1,100 subscriptions and grow with their number. Here the entry is read again only after
 * the table's aggregator has changed it: it bumps {@link #ALL_CHANGES} (in this JVM; the entry's
 * aggregation runs in the same task, on the same thread, before any later article), and a change
 * elsewhere only costs a needless read.
 */
final class ArticleAlertsProcessor implements FixedKeyProcessor<String, Article, List<KeyValue<String, Alert>>> {
    /** Changes applied to the {@link EntitySubscriptions#ALL_KEY} entry by any task of this JVM. */
    static final AtomicLong ALL_CHANGES = new AtomicLong();

    private final ArticleAlerts matcher = new ArticleAlerts();
    private final Clock clock;
    private FixedKeyProcessorContext<String, List<KeyValue<String, Alert>>> context;
    private TimestampedKeyValueStore<String, EntitySubscriptions> table;
    private long readAt = -1;
    private EntitySubscriptions all;

    ArticleAlertsProcessor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, List<KeyValue<String, Alert>>> context) {
        this.context = context;
        this.table = context.getStateStore(MediawatchTopology.SUBSCRIPTIONS_BY_ENTITY_STORE);
        readAt = -1; // the store may have been restored since a previous life of this task
        all = null;
    }

    @Override
    public void process(FixedKeyRecord<String, Article> record) {
        if (record.value() == null) return;
        long changes = ALL_CHANGES.get();
        if (changes != readAt) {
            ValueAndTimestamp<EntitySubscriptions> v = table.get(EntitySubscriptions.ALL_KEY);
            all = v == null ? null : v.value();
            readAt = changes;
        }
        if (all == null) return;
        context.forward(record.withValue(matcher.of(record.value(), all, clock.instant())));
    }
}
