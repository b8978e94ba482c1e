package dev.mediawatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

class StreamsSettingsTest {

    @Test
    void commitsEvery200MillisecondsUnlessConfigured() {
        Properties defaults = StreamsSettings.properties("localhost:9092", Path.of("state"), true);
        Properties faster = StreamsSettings.properties("localhost:9092", Path.of("state"), true, Duration.ofMillis(100));

        assertThat(defaults.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(200L);
        assertThat(faster.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);
        assertThat(new StreamsConfig(faster).getLong(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(100L);
    }

    @Test
    void exactlyOnceUnlessAskedForAtLeastOnce() {
        assertThat(StreamsSettings.properties("x:1", Path.of("s"), true).get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(StreamsSettings.properties("x:1", Path.of("s"), false).get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))
                .isEqualTo(StreamsConfig.AT_LEAST_ONCE);
    }
}
