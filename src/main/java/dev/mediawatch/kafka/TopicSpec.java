package dev.mediawatch.kafka;

import java.util.Map;
import java.util.Optional;

/**
 * One topic as defined in {@code topics/<name>.yaml}.
 *
 * @param replicationFactor empty: the cluster's {@code default.replication.factor}
 */
public record TopicSpec(String name, int partitions, Optional<Short> replicationFactor, Map<String, String> configs,
                        String key, String value, String purpose) {
    public TopicSpec {
        if (name == null || name.isBlank()) throw new IllegalArgumentException("topic name is required");
        if (partitions < 1) throw new IllegalArgumentException(name + ": partitions must be at least 1");
        configs = configs == null ? Map.of() : Map.copyOf(configs);
    }
}
