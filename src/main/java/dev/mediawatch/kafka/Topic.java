package dev.mediawatch.kafka;

import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** A typed topic: its name and the serdes used at every boundary that reads or writes it. */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {
    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    /** Consumed with a processor name derived from the topic, e.g. {@code articles-raw-source}. */
    public Consumed<K, V> consumed() {
        return Consumed.with(keySerde, valueSerde).withName(shortName() + "-source");
    }

    public Produced<K, V> produced() {
        return produced(shortName() + "-sink");
    }

    /** For a second writer of this topic in one topology: processor names must be unique. */
    public Produced<K, V> produced(String sinkName) {
        return Produced.with(keySerde, valueSerde).withName(sinkName);
    }

    /** The name without the {@code mediawatch.} prefix, dots as dashes: {@code articles-raw}. */
    public String shortName() {
        return name.replaceFirst("^mediawatch\\.", "").replace('.', '-');
    }
}
