package dev.mediawatch.stream;

import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Article;
import dev.mediawatch.model.Subscription;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * Joins each article (under the one story key) with every subscription, the story task's
 * {@code all-subscriptions-store} ({@link AllSubscriptions}), and gives its entity and query alerts; an
 * article arriving while there is no subscription at all gives nothing.
 *
 * <p>The subscriptions change rarely: they are read from the store again only after a change, which
 * bumps {@link #ALL_CHANGES} (in this JVM; the change is applied in the same task, on the same thread,
 * before any later article), and a change elsewhere only costs a needless read.
 */
final class ArticleAlertsProcessor implements FixedKeyProcessor<String, Article, List<KeyValue<String, Alert>>> {
    /** Changes applied to {@code all-subscriptions-store} by any task of this JVM. */
    static final AtomicLong ALL_CHANGES = new AtomicLong();

    private final ArticleAlerts matcher = new ArticleAlerts();
    private final Clock clock;
    private FixedKeyProcessorContext<String, List<KeyValue<String, Alert>>> context;
    private KeyValueStore<String, Subscription> store;
    private TimestampedKeyValueStore<String, EntitySubscriptions> byEntity;
    private long readAt = -1;
    private long reads;
    private EntitySubscriptions all;

    ArticleAlertsProcessor(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, List<KeyValue<String, Alert>>> context) {
        this.context = context;
        this.store = context.getStateStore(MediawatchTopology.ALL_SUBSCRIPTIONS_STORE);
        this.byEntity = context.getStateStore(MediawatchTopology.SUBSCRIPTIONS_BY_ENTITY_STORE);
        readAt = -1; // the store may have been restored since a previous life of this task
        all = null;
    }

    @Override
    public void process(FixedKeyRecord<String, Article> record) {
        if (record.value() == null) return;
        long changes = ALL_CHANGES.get();
        if (changes != readAt) {
            AllSubscriptions.migrate(byEntity, store);
            changes = ALL_CHANGES.get();
            all = new EntitySubscriptions(AllSubscriptions.read(store), ++reads);
            readAt = changes;
        }
        if (all.bySubscription().isEmpty()) return;
        context.forward(record.withValue(matcher.of(record.value(), all, clock.instant())));
    }
}
