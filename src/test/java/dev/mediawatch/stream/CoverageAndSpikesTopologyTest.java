package dev.mediawatch.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.mediawatch.kafka.Topic;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Channel;
import dev.mediawatch.model.Coverage;
import dev.mediawatch.model.Entity;
import dev.mediawatch.model.RawArticle;
import dev.mediawatch.model.Subscription;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CoverageAndSpikesTopologyTest {
    private static final Instant T0 = Instant.parse("2025-04-14T06:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, RawArticle> raw;
    private TestOutputTopic<String, Alert> alerts;
    private TestOutputTopic<String, Coverage> coverage;
    private int seq;

    @BeforeEach
    void setUp() {
        driver = new TopologyTestDriver(
                MediawatchTopology.build(MediawatchTopology.Settings.defaults().withClock(Clock.fixed(T0, ZoneOffset.UTC))),
                StreamsSettings.properties("unused:9092", stateDir, true), T0);
        TestInputTopic<String, Entity> entities = input(Topics.ENTITIES);
        entities.pipeInput("cecot", Entity.of("cecot", "CECOT", "facility"), T0);
        entities.pipeInput("bukele", Entity.of("bukele", "Nayib Bukele", "person", "Bukele"), T0);
        input(Topics.SUBSCRIPTIONS).pipeInput("desk", new Subscription("desk", List.of("cecot"), null,
                List.of(Channel.console())), T0);
        raw = input(Topics.ARTICLES_RAW);
        alerts = output(Topics.ALERTS);
        coverage = output(Topics.COVERAGE);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    private <K, V> TestInputTopic<K, V> input(Topic<K, V> t) {
        return driver.createInputTopic(t.name(), t.keySerde().serializer(), t.valueSerde().serializer());
    }

    private <K, V> TestOutputTopic<K, V> output(Topic<K, V> t) {
        return driver.createOutputTopic(t.name(), t.keySerde().deserializer(), t.valueSerde().deserializer());
    }

    /** An article on CECOT published at {@code published} that reaches the stream at {@code arrived}. */
    private void article(Instant published, Instant arrived, String outlet, String text) {
        String id = "a" + (++seq);
        raw.pipeInput(id, new RawArticle(id, "f", "https://news.example/" + id, "Report " + seq, outlet, published,
                arrived, "", text, null, "en", false), arrived);
    }

    private void cecot(Instant at) {
        article(at, at, "Wire", "Officials spoke about CECOT again, story " + seq + ".");
    }

    private List<Alert> spikes() {
        return alerts.readValuesToList().stream().filter(a -> a.kind().equals("spike")).toList();
    }

    @Test
    void shouldRaiseOneSpikeWithinAMinuteOfABurstOnAQuietEntity() {
        for (int i = 0; i < 6; i++) cecot(T0.plus(Duration.ofMinutes(30L * i)));   // twice an hour for three hours
        Instant burst = T0.plus(Duration.ofHours(3));
        for (int i = 0; i < 12; i++) cecot(burst.plusSeconds(15L * i));             // a dozen in three minutes

        List<Alert> spikes = spikes();
        assertThat(spikes).hasSize(1);
        Alert spike = spikes.get(0);
        assertThat(spike.subscriptionId()).isEqualTo("desk");
        assertThat(spike.entities()).containsExactly("cecot");
        assertThat(spike.publishedAt()).isBeforeOrEqualTo(burst.plus(Duration.ofMinutes(1)));
        assertThat(spike.reason()).contains("CECOT").contains("5 articles in the last 15 minutes").contains("expected");
    }

    /**
     * An entity's followers as versions before 2026-11-30 kept them (one value of the
     * subscriptions-by-entity table) are moved to the followers store and alerted; the table's "*" entry
     * of every subscription is left to the story task, which moves it too.
     */
    @Test
    void shouldMoveAnEarlierVersionsFollowersAndAlertThem() {
        Subscription legacy = new Subscription("legacy-desk", List.of("cecot"), null, List.of(Channel.console()));
        var table = driver.<String, EntitySubscriptions>getTimestampedKeyValueStore(
                MediawatchTopology.SUBSCRIPTIONS_BY_ENTITY_STORE);
        table.put("cecot", ValueAndTimestamp.make(new EntitySubscriptions(Map.of(legacy.id(), legacy), 1), 0));
        table.put(EntitySubscriptions.ALL_KEY, ValueAndTimestamp.make(
                new EntitySubscriptions(Map.of(legacy.id(), legacy), 1), 0));

        for (int i = 0; i < 6; i++) cecot(T0.plusSeconds(20L * i));

        assertThat(spikes()).extracting(Alert::subscriptionId).containsExactlyInAnyOrder("desk", "legacy-desk");
        assertThat(table.get("cecot")).isNull();
        assertThat(table.get(EntitySubscriptions.ALL_KEY)).isNull();
        assertThat(driver.<String, Subscription>getKeyValueStore(MediawatchTopology.ALL_SUBSCRIPTIONS_STORE)
                .get("legacy-desk")).isEqualTo(legacy);
        assertThat(driver.<String, Subscription>getKeyValueStore(MediawatchTopology.ENTITY_FOLLOWERS_STORE)
                .get(EntityFollowers.key("cecot", "legacy-desk"))).isEqualTo(legacy);
    }

    @Test
    void shouldNotSpikeOnSteadyCoverage() {
        for (int i = 0; i < 40; i++) cecot(T0.plus(Duration.ofMinutes(30L * i)));

        assertThat(spikes()).isEmpty();
    }

    @Test
    void shouldSpikeAgainAfterTheCooldownOnANewBurst() {
        for (int i = 0; i < 6; i++) cecot(T0.plusSeconds(20L * i));
        Instant later = T0.plus(Duration.ofHours(6));
        for (int i = 0; i < 12; i++) cecot(later.plusSeconds(20L * i));

        assertThat(spikes()).hasSize(2);
    }

    @Test
    void shouldCountCoverageByPublishedHourAndOutlet() {
        Instant arrived = T0.plus(Duration.ofHours(5));
        article(T0.plus(Duration.ofMinutes(5)), arrived, "Wire", "CECOT one.");
        article(T0.plus(Duration.ofMinutes(40)), arrived, "Radio", "CECOT two.");
        article(T0.plus(Duration.ofMinutes(70)), arrived, "Wire", "CECOT three.");

        Map<Instant, Coverage> latest = new java.util.TreeMap<>();
        coverage.readValuesToList().forEach(c -> latest.put(c.windowStart(), c));
        assertThat(latest).containsOnlyKeys(T0, T0.plus(Duration.ofHours(1)));
        assertThat(latest.get(T0).count()).isEqualTo(2);
        assertThat(latest.get(T0).byOutlet()).isEqualTo(Map.of("Wire", 1L, "Radio", 1L));
        assertThat(latest.get(T0.plus(Duration.ofHours(1))).count()).isEqualTo(1);
    }

    @Test
    void shouldCountALateArticleWithinTheGraceAndDropOneBeyondIt() {
        Instant now = T0.plus(Duration.ofDays(3));
        article(now, now, "Wire", "CECOT today.");
        article(now.minus(Duration.ofDays(1)), now, "Wire", "CECOT yesterday, back-filled.");
        article(now.minus(Duration.ofDays(3)), now, "Wire", "CECOT three days ago, too late to count.");

        assertThat(hourlyCount("cecot", now)).isEqualTo(1);
        assertThat(hourlyCount("cecot", now.minus(Duration.ofDays(1)))).isEqualTo(1);
        assertThat(hourlyCount("cecot", now.minus(Duration.ofDays(3)))).isZero();
    }

    @Test
    void shouldCountEntitiesNamedTogether() {
        article(T0, T0, "Wire", "Bukele showed CECOT to visitors.");
        article(T0.plusSeconds(60), T0.plusSeconds(60), "Radio", "Bukele spoke about CECOT again.");

        ReadOnlyWindowStore<String, Long> store = driver.getWindowStore(MediawatchTopology.COMENTIONS_HOURLY_STORE);
        long total = 0;
        try (WindowStoreIterator<Long> it = store.fetch(CoMentions.key("cecot", "bukele"), T0.minusSeconds(3600),
                T0.plusSeconds(3600))) {
            while (it.hasNext()) total += it.next().value;
        }
        assertThat(total).isEqualTo(2);

        // The changelog holds what the DSL's windowed count (before 2026-11-30) wrote for the same two
        // articles, byte for byte (taken from that version): an upgrade restores the counts it kept.
        var changelog = driver.createOutputTopic("mediawatch-stream-comentions-hourly-store-changelog",
                new ByteArrayDeserializer(), new ByteArrayDeserializer()).readRecordsToList();
        assertThat(changelog).extracting(r -> HexFormat.of().formatHex(r.key()), r -> HexFormat.of().formatHex(r.value()),
                TestRecord::timestamp).containsExactly(
                tuple("62756b656c652b6365636f740000019632e2170000000000", "0000000000000001", 1744610400000L),
                tuple("62756b656c652b6365636f740000019632e2170000000000", "0000000000000002", 1744610460000L));
    }

    @Test
    void shouldCountEachPairOfAnArticleOnceAndNotInAClosedHour() {
        input(Topics.ENTITIES).pipeInput("abrego-garcia",
                Entity.of("abrego-garcia", "Kilmar Abrego Garcia", "person", "Abrego Garcia"), T0);
        article(T0, T0, "Wire", "Bukele and Abrego Garcia: CECOT, then CECOT again, and Bukele once more.");
        assertThat(coMentions("bukele", "cecot", T0)).isEqualTo(1);
        assertThat(coMentions("abrego-garcia", "cecot", T0)).isEqualTo(1);
        assertThat(coMentions("abrego-garcia", "bukele", T0)).isEqualTo(1);

        // three days on, the hour of T0 has closed (two days' grace): a copy published in it now comes too late
        Instant later = T0.plus(Duration.ofDays(3));
        article(later, later, "Wire", "Bukele visited CECOT.");
        article(T0.plusSeconds(120), later, "Radio", "Bukele, CECOT.");
        assertThat(coMentions("bukele", "cecot", T0)).isEqualTo(1);
        assertThat(coMentions("bukele", "cecot", later)).isEqualTo(1);
    }

    private long coMentions(String a, String b, Instant at) {
        ReadOnlyWindowStore<String, Long> store = driver.getWindowStore(MediawatchTopology.COMENTIONS_HOURLY_STORE);
        Instant hour = at.minusMillis(at.toEpochMilli() % 3_600_000L);
        Long n = store.fetch(CoMentions.key(a, b), hour.toEpochMilli());
        return n == null ? 0 : n;
    }

    private long hourlyCount(String entity, Instant at) {
        ReadOnlyWindowStore<String, OutletCounts> store = driver.getWindowStore(MediawatchTopology.COVERAGE_HOURLY_STORE);
        Instant hour = at.minusMillis(at.toEpochMilli() % 3_600_000L);
        OutletCounts counts = store.fetch(entity, hour.toEpochMilli());
        return counts == null ? 0 : counts.total();
    }
}
