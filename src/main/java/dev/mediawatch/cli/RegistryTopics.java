package dev.mediawatch.cli;

import dev.mediawatch.kafka.TableReader;
import dev.mediawatch.kafka.Topic;
import dev.mediawatch.kafka.TypedProducer;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/** Reading and writing one compacted registry topic from a command. */
final class RegistryTopics {
    private RegistryTopics() {
    }

    static <V> Map<String, V> read(String bootstrap, Topic<String, V> topic) throws InterruptedException {
        try (TableReader<String, V> reader = new TableReader<>(bootstrap, topic).start()) {
            if (!reader.awaitCaughtUp(Duration.ofSeconds(30))) {
                throw new IllegalStateException("could not read " + topic.name() + " from " + bootstrap
                        + " within 30 s: is Kafka running there?");
            }
            return new TreeMap<>(reader.snapshot());
        }
    }

    static <V> void write(String bootstrap, Topic<String, V> topic, String key, V value) throws Exception {
        try (TypedProducer producer = new TypedProducer(bootstrap, Map.of("max.block.ms", 30_000))) {
            producer.send(topic, key, value).get();
        }
    }
}
