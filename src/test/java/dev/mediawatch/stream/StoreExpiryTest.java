package dev.mediawatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expiry a slice per second on a real (RocksDB) store under the test driver's wall clock. */
class StoreExpiryTest {
    private static final String STORE = "remembered";
    private static final Instant START = Instant.parse("2025-04-14T00:00:00Z");
    private static final long CUTOFF_AGE = 10_000; // entries older than 10 s (by their value) go

    private TopologyTestDriver driver;
    private TestInputTopic<String, Long> input;
    private KeyValueStore<String, Long> store;

    @BeforeEach
    void setUp() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.String(), Serdes.Long()));
        builder.stream("in", org.apache.kafka.streams.kstream.Consumed.with(Serdes.String(), Serdes.Long()))
                .process(Remember::new, STORE);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "store-expiry-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        driver = new TopologyTestDriver(builder.build(), props, START);
        input = driver.createInputTopic("in", Serdes.String().serializer(), Serdes.Long().serializer());
        store = driver.getKeyValueStore(STORE);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    /** Stores each record's value (a time in ms) under its key; expires two entries per second. */
    private static final class Remember implements Processor<String, Long, Void, Void> {
        private KeyValueStore<String, Long> remembered;

        @Override
        public void init(ProcessorContext<Void, Void> context) {
            remembered = context.getStateStore(STORE);
            StoreExpiry.schedule(context, remembered, Long::longValue, now -> now - CUTOFF_AGE, 2);
        }

        @Override
        public void process(Record<String, Long> record) {
            remembered.put(record.key(), record.value());
        }
    }

    private List<String> keys() {
        List<String> out = new ArrayList<>();
        try (var all = store.all()) {
            all.forEachRemaining(kv -> out.add(kv.key));
        }
        return out;
    }

    @Test
    void expiresASliceEachSecondResumingWhereItStoppedAndWrapping() {
        long old = START.toEpochMilli() - 60_000, fresh = START.toEpochMilli() + 60_000;
        input.pipeInput("a", old);
        input.pipeInput("b", old);
        input.pipeInput("c", fresh);
        input.pipeInput("d", old);
        input.pipeInput("e", old);

        driver.advanceWallClockTime(Duration.ofSeconds(1));  // examines a, b
        assertThat(keys()).containsExactly("c", "d", "e");
        driver.advanceWallClockTime(Duration.ofSeconds(1));  // examines c, d
        assertThat(keys()).containsExactly("c", "e");
        input.pipeInput("b", old);                            // behind the cursor: waits for the next pass
        driver.advanceWallClockTime(Duration.ofSeconds(1));  // examines e, reaches the end
        assertThat(keys()).containsExactly("b", "c");
        driver.advanceWallClockTime(Duration.ofSeconds(1));  // starts again: b, c
        assertThat(keys()).containsExactly("c");
    }

    @Test
    void keepsEntriesUntilTheirCutoffPasses() {
        long at = START.toEpochMilli();
        input.pipeInput("a", at);
        driver.advanceWallClockTime(Duration.ofSeconds(5));
        assertThat(keys()).containsExactly("a");
        driver.advanceWallClockTime(Duration.ofSeconds(6));   // now 11 s after: past the 10 s cutoff
        assertThat(keys()).isEmpty();
    }

    @Test
    void aSliceOfZeroIsRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new StoreExpiry<>(store, Long::longValue, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("slice");
    }
}
