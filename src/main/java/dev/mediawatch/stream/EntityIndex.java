package dev.mediawatch.stream;

import dev.mediawatch.enrich.Classifier;
import dev.mediawatch.enrich.EntityMatcher;
import dev.mediawatch.model.Entity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * The matcher built from the global entities store, rebuilt only when the watchlist changed.
 * The global thread marks it stale on every entity update; stream threads rebuild lazily on
 * their next article, so an entity added while running applies to the next article.
 */
public final class EntityIndex {
    private final Classifier baseClassifier;
    private volatile boolean stale = true;
    private volatile EntityMatcher matcher = EntityMatcher.of(List.of());
    private volatile Classifier classifier;

    public EntityIndex(Classifier baseClassifier) {
        this.baseClassifier = baseClassifier;
        this.classifier = baseClassifier;
    }

    void markStale() {
        stale = true;
    }

    EntityMatcher matcher(ReadOnlyKeyValueStore<String, Entity> store) {
        if (stale) rebuild(store);
        return matcher;
    }

    /** The classifier, weighing the watchlist's entity types too (rebuilt with the matcher). */
    Classifier classifier(ReadOnlyKeyValueStore<String, Entity> store) {
        if (stale) rebuild(store);
        return classifier;
    }

    private synchronized void rebuild(ReadOnlyKeyValueStore<String, Entity> store) {
        if (!stale) return;
        // Clear first: an update arriving during the scan marks it stale again and is picked up next time.
        stale = false;
        List<Entity> entities = new ArrayList<>();
        try (KeyValueIterator<String, Entity> all = store.all()) {
            while (all.hasNext()) {
                KeyValue<String, Entity> kv = all.next();
                if (kv.value != null) entities.add(kv.value);
            }
        }
        Map<String, String> types = new HashMap<>();
        entities.forEach(e -> types.put(e.id(), e.type()));
        classifier = baseClassifier.withEntityTypes(types);
        matcher = EntityMatcher.of(entities);
    }
}
