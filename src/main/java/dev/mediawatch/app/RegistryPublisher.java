package dev.mediawatch.app;

import dev.mediawatch.config.MediawatchConfig;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.kafka.TypedProducer;
import dev.mediawatch.model.Entity;
import dev.mediawatch.model.FeedSource;
import dev.mediawatch.model.Subscription;

/**
 * Upserts the config's feeds, entities and subscriptions into their compacted topics at start-up.
 * It never deletes: what was added through the CLI or API stays.
 */
public final class RegistryPublisher {
    private RegistryPublisher() {
    }

    public static void publish(TypedProducer producer, MediawatchConfig config) {
        // Entities and subscriptions first, so the stream knows them before the first article arrives.
        for (Entity e : config.entities()) producer.send(Topics.ENTITIES, e.id(), e);
        for (Subscription s : config.subscriptions()) producer.send(Topics.SUBSCRIPTIONS, s.id(), s);
        producer.flush();
        for (FeedSource f : config.feeds()) producer.send(Topics.FEEDS, f.id(), f);
        producer.flush();
    }
}
