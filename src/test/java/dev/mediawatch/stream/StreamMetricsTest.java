package dev.mediawatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediawatch.enrich.Classifier;
import dev.mediawatch.kafka.Topic;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.metrics.MediawatchMetrics;
import dev.mediawatch.metrics.MetricLabels;
import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Channel;
import dev.mediawatch.model.Entity;
import dev.mediawatch.model.RawArticle;
import dev.mediawatch.model.Subscription;
import io.prometheus.metrics.core.metrics.Histogram;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the topology records in the metrics, on known input. The registry is per JVM: assertions are on deltas. */
class StreamMetricsTest {
    private static final Instant PUBLISHED = Instant.parse("2025-04-14T12:00:00Z");
    private static final Instant FETCHED = Instant.parse("2025-04-14T12:00:01.500Z");
    private static final Instant NOW = Instant.parse("2025-04-14T12:00:03Z");

    @TempDir
    Path stateDir;

    private final MetricLabels before = MetricLabels.current();
    private TopologyTestDriver driver;
    private TestInputTopic<String, RawArticle> raw;
    private TestOutputTopic<String, Alert> alerts;

    @BeforeEach
    void setUp() {
        MetricLabels.install(new MetricLabels(500, List.of("zero-feed"), List.of("Metrics Wire"), List.of("cecot", "bukele"),
                List.of("metrics-desk"), Classifier.defaults().categories()));
        driver = new TopologyTestDriver(MediawatchTopology.build(
                MediawatchTopology.Settings.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC))),
                StreamsSettings.properties("unused:9092", stateDir, true), NOW);
        TestInputTopic<String, Entity> entities = input(Topics.ENTITIES);
        entities.pipeInput("cecot", Entity.of("cecot", "CECOT", "facility", "Terrorism Confinement Center"));
        entities.pipeInput("bukele", Entity.of("bukele", "Nayib Bukele", "person", "Bukele"));
        input(Topics.SUBSCRIPTIONS).pipeInput("metrics-desk",
                new Subscription("metrics-desk", List.of("cecot"), null, List.of(Channel.console())));
        raw = input(Topics.ARTICLES_RAW);
        alerts = driver.createOutputTopic(Topics.ALERTS.name(), Serdes.String().deserializer(),
                Topics.ALERTS.valueSerde().deserializer());
    }

    @AfterEach
    void tearDown() {
        driver.close();
        MetricLabels.install(before);
    }

    private <K, V> TestInputTopic<K, V> input(Topic<K, V> t) {
        return driver.createInputTopic(t.name(), t.keySerde().serializer(), t.valueSerde().serializer());
    }

    private void publish(String id, String outlet, String text) {
        raw.pipeInput(id, new RawArticle(id, "metrics-feed", "https://news.example/" + id, "Report", outlet,
                PUBLISHED, FETCHED, "", text, null, "en", false));
    }

    @Test
    void shouldCountMentionsCoMentionsAndEnrichedArticlesByConfiguredLabels() {
        double cecot = MediawatchMetrics.MENTIONS.labelValues("cecot").get();
        double pair = MediawatchMetrics.COMENTIONS.labelValues("bukele", "cecot").get();
        double courts = MediawatchMetrics.ARTICLES_ENRICHED.labelValues("Metrics Wire", "courts").get();

        publish("m1", "Metrics Wire", "President Bukele said the men sent to CECOT will stay. "
                + "A judge in court heard the lawsuit and a ruling is expected.");

        assertThat(MediawatchMetrics.MENTIONS.labelValues("cecot").get()).isEqualTo(cecot + 1);
        assertThat(MediawatchMetrics.COMENTIONS.labelValues("bukele", "cecot").get()).isEqualTo(pair + 1);
        assertThat(MediawatchMetrics.ARTICLES_ENRICHED.labelValues("Metrics Wire", "courts").get()).isEqualTo(courts + 1);
    }

    @Test
    void shouldCountAStoryOnceForItsSyndicatedCopies() {
        double stories = MediawatchMetrics.STORIES.labelValues("cecot").get();
        double mentions = MediawatchMetrics.MENTIONS.labelValues("cecot").get();
        String text = "Salvadoran authorities said on Sunday that 238 men deported by the United States were taken "
                + "to CECOT, the Terrorism Confinement Center, where lawyers say they cannot reach them.";

        publish("copy-1", "Metrics Wire", text);
        publish("copy-2", "Metrics Wire", text + " Updated.");

        assertThat(MediawatchMetrics.MENTIONS.labelValues("cecot").get()).isEqualTo(mentions + 2);
        assertThat(MediawatchMetrics.STORIES.labelValues("cecot").get()).isEqualTo(stories + 1);
    }

    @Test
    void shouldFoldAnOutletOutsideTheRegistryIntoOther() {
        double other = MediawatchMetrics.ARTICLES_ENRICHED.labelValues("other", "other").get();

        publish("m2", "https://unlisted.example/feed", "Nothing of interest happened today at the seaside.");

        assertThat(MediawatchMetrics.ARTICLES_ENRICHED.labelValues("other", "other").get()).isEqualTo(other + 1);
    }

    @Test
    void shouldCountEachAlertOnceWithItsLatencies() {
        double alertsBefore = MediawatchMetrics.ALERTS.labelValues("metrics-desk", "entity").get();
        long fetchedToAlert = count(MediawatchMetrics.FETCHED_TO_ALERT);
        long publishedToDetected = count(MediawatchMetrics.PUBLISHED_TO_DETECTED);

        publish("m3", "Metrics Wire", "Men were taken to CECOT on Sunday.");
        publish("m3", "Metrics Wire", "Men were taken to CECOT on Sunday."); // a re-poll: no second alert

        Alert alert = alerts.readValue();
        assertThat(alert.fetchedAt()).isEqualTo(FETCHED);
        assertThat(alerts.isEmpty()).isTrue();
        assertThat(MediawatchMetrics.ALERTS.labelValues("metrics-desk", "entity").get()).isEqualTo(alertsBefore + 1);
        assertThat(count(MediawatchMetrics.FETCHED_TO_ALERT)).isEqualTo(fetchedToAlert + 1);
        assertThat(count(MediawatchMetrics.PUBLISHED_TO_DETECTED)).isEqualTo(publishedToDetected + 1);
    }

    @Test
    void shouldCountASpikeAlertWithoutTakingItsTimesForAnArticlesLatency() {
        double spikes = MediawatchMetrics.ALERTS.labelValues("metrics-desk", "spike").get();
        long publishedToDetected = count(MediawatchMetrics.PUBLISHED_TO_DETECTED);

        StreamMetrics.alertEmitted(new Alert("s1", Alert.KIND_SPIKE, "metrics-desk", null, "spike:cecot:1", null,
                null, null, PUBLISHED, NOW, List.of("cecot"), null, "coverage spike", null));

        assertThat(MediawatchMetrics.ALERTS.labelValues("metrics-desk", "spike").get()).isEqualTo(spikes + 1);
        assertThat(count(MediawatchMetrics.PUBLISHED_TO_DETECTED)).isEqualTo(publishedToDetected);
    }

    @Test
    void shouldGiveAnEntityAddedWhileRunningItsOwnSeries() {
        input(Topics.ENTITIES).pipeInput("rubio", Entity.of("rubio", "Marco Rubio", "person", "Rubio"));

        publish("m4", "Metrics Wire", "Secretary Rubio flew to San Salvador.");

        assertThat(MediawatchMetrics.MENTIONS.labelValues("rubio").get()).isGreaterThanOrEqualTo(1);
    }

    private static long count(Histogram histogram) {
        return histogram.collect().getDataPoints().get(0).getCount();
    }
}
