package dev.mediawatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediawatch.kafka.Topic;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Article;
import dev.mediawatch.model.Channel;
import dev.mediawatch.model.Entity;
import dev.mediawatch.model.Mention;
import dev.mediawatch.model.RawArticle;
import dev.mediawatch.model.Subscription;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MediawatchTopologyTest {
    private static final Instant NOW = Instant.parse("2025-04-14T12:00:03Z");
    private static final Instant PUBLISHED = Instant.parse("2025-04-14T12:00:00Z");

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Entity> entities;
    private TestInputTopic<String, Subscription> subscriptions;
    private TestInputTopic<String, RawArticle> raw;
    private TestInputTopic<byte[], byte[]> rawBytes;
    private TestOutputTopic<String, Alert> alerts;
    private TestOutputTopic<String, Article> articles;
    private TestOutputTopic<String, Mention> mentions;

    @BeforeEach
    void setUp() {
        Topology topology = MediawatchTopology.build(
                MediawatchTopology.Settings.defaults().withClock(Clock.fixed(NOW, ZoneOffset.UTC)));
        Properties props = StreamsSettings.properties("unused:9092", stateDir, true);
        driver = new TopologyTestDriver(topology, props, NOW);
        entities = input(Topics.ENTITIES);
        subscriptions = input(Topics.SUBSCRIPTIONS);
        raw = input(Topics.ARTICLES_RAW);
        rawBytes = driver.createInputTopic(Topics.ARTICLES_RAW.name(), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer());
        alerts = output(Topics.ALERTS);
        articles = output(Topics.ARTICLES);
        mentions = output(Topics.MENTIONS);

        entities.pipeInput("cecot", new Entity("cecot", "CECOT", "facility",
                List.of("Centro de Confinamiento del Terrorismo", "Terrorism Confinement Center"), List.of(), List.of(),
                List.of("Johnny Cecotto"), null));
        entities.pipeInput("abrego-garcia", Entity.of("abrego-garcia", "Kilmar Abrego Garcia", "person", "Abrego Garcia"));
        entities.pipeInput("bukele", Entity.of("bukele", "Nayib Bukele", "person", "Bukele"));
        subscriptions.pipeInput("immigration-desk", new Subscription("immigration-desk",
                List.of("cecot", "abrego-garcia"), null, List.of(Channel.console())));
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

    private static RawArticle article(String id, String title, String text) {
        return new RawArticle(id, "demo-wire", "https://news.example/" + id, title, "Demo Wire", PUBLISHED,
                NOW, "", text, null, "en", false);
    }

    private void publish(RawArticle a) {
        raw.pipeInput(a.articleId(), a);
    }

    /** The largest record written to any topic (public, changelog or repartition) since the last call. */
    private int largestRecordWritten() {
        int largest = 0;
        for (String topic : driver.producedTopicNames()) {
            TestOutputTopic<byte[], byte[]> out = driver.createOutputTopic(topic, Serdes.ByteArray().deserializer(),
                    Serdes.ByteArray().deserializer());
            for (TestRecord<byte[], byte[]> r : out.readRecordsToList()) {
                largest = Math.max(largest, r.value() == null ? 0 : r.value().length);
            }
        }
        return largest;
    }

    private long recordsWritten(String topic) {
        return driver.producedTopicNames().contains(topic) ? driver.createOutputTopic(topic,
                Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer()).getQueueSize() : 0;
    }

    /**
     * Each subscription is its own store entry, and its own entry under each entity it follows: a change
     * writes one subscription, however many there are. (All of them were one value until 2026-11-30, and
     * an entity's followers another, each rewritten per change: 280 KB and 140 KB here, and past about
     * 7,000 subscriptions, or followers of one entity, the broker's 1 MB record limit.)
     */
    @Test
    void shouldWriteOneSubscriptionPerChangeHoweverManyThereAre() {
        largestRecordWritten();
        for (int i = 0; i < 2000; i++) {
            String id = String.format("desk-%04d", i);
            subscriptions.pipeInput(id, new Subscription(id, List.of(i % 2 == 0 ? "cecot" : "bukele"),
                    i % 10 == 0 ? "\"Alien Enemies Act\"" : null, List.of(Channel.console())));
        }
        // 1,000 follow each entity: one subscription per record still
        assertThat(largestRecordWritten()).isBetween(100, 2_000);
        assertThat(driver.<String, Subscription>getKeyValueStore(MediawatchTopology.ALL_SUBSCRIPTIONS_STORE)
                .approximateNumEntries()).isEqualTo(2001);

        publish(article("many1", "Bukele and the Alien Enemies Act",
                "Nayib Bukele spoke as judges weighed the Alien Enemies Act."));
        List<Alert> out = alerts.readValuesToList();
        // 1,000 follow Bukele; of the other 1,000 (CECOT), the 200 with the query match it
        assertThat(out).hasSize(1200);
        assertThat(out).filteredOn(a -> a.kind().equals(Alert.KIND_QUERY)).hasSize(200);
    }

    /** Mentions and subscription changes of one entity meet in one task only if the topics' counts agree. */
    @Test
    void shouldRefuseTopicsWhosePartitionCountsDiffer() {
        assertThat(MediawatchTopology.copartitioningProblem(java.util.Map.of(Topics.ARTICLES_RAW.name(), 3,
                Topics.MENTIONS.name(), 3, Topics.SUBSCRIPTIONS.name(), 3))).isNull();
        assertThat(MediawatchTopology.copartitioningProblem(java.util.Map.of(Topics.ARTICLES_RAW.name(), 3,
                Topics.MENTIONS.name(), 6, Topics.SUBSCRIPTIONS.name(), 3)))
                .contains("mediawatch.mentions 6").contains("mediawatch.subscriptions 3").contains("topics/");
        assertThat(MediawatchTopology.copartitioningProblem(java.util.Map.of(Topics.ARTICLES_RAW.name(), 3,
                Topics.MENTIONS.name(), 3))).isEqualTo("mediawatch.subscriptions does not exist");
    }

    /** Every start re-publishes the config's subscriptions: an unchanged one is not written again. */
    @Test
    void shouldWriteNothingForAnUnchangedSubscription() {
        String changelog = StreamsSettings.APPLICATION_ID + "-" + MediawatchTopology.ALL_SUBSCRIPTIONS_STORE
                + "-changelog";
        String followers = StreamsSettings.APPLICATION_ID + "-" + MediawatchTopology.ENTITY_FOLLOWERS_STORE
                + "-changelog";
        long before = recordsWritten(changelog);
        long followersBefore = recordsWritten(followers);
        subscriptions.pipeInput("immigration-desk", new Subscription("immigration-desk",
                List.of("cecot", "abrego-garcia"), null, List.of(Channel.console())));
        assertThat(recordsWritten(changelog)).isEqualTo(before);
        assertThat(recordsWritten(followers)).isEqualTo(followersBefore);

        subscriptions.pipeInput("immigration-desk", new Subscription("immigration-desk",
                List.of("cecot"), null, List.of(Channel.console())));
        assertThat(recordsWritten(changelog)).isEqualTo(before + 1);
        assertThat(recordsWritten(followers)).isEqualTo(followersBefore + 2); // cecot again, abrego-garcia gone
    }

    /** The "*" entry of the subscriptions-by-entity table, as versions before 2026-11-30 kept every subscription. */
    private void plantEarlierVersionsEntry(Subscription s) {
        driver.<String, EntitySubscriptions>getTimestampedKeyValueStore(MediawatchTopology.SUBSCRIPTIONS_BY_ENTITY_STORE)
                .put(EntitySubscriptions.ALL_KEY, org.apache.kafka.streams.state.ValueAndTimestamp.make(
                        new EntitySubscriptions(java.util.Map.of(s.id(), s), 1), NOW.toEpochMilli()));
        driver.<String, Subscription>getKeyValueStore(MediawatchTopology.SUBSCRIPTIONS_STORE).put(s.id(), s);
    }

    @Test
    void shouldMoveAnEarlierVersionsEntryOfEverySubscriptionIntoTheStore() {
        Subscription legacy = new Subscription("legacy-desk", List.of("bukele"), null, List.of(Channel.console()));
        plantEarlierVersionsEntry(legacy);

        publish(article("up1", "Bukele speaks", "Nayib Bukele spoke about the prison."));
        assertThat(alerts.readValuesToList()).extracting(Alert::subscriptionId).containsExactly("legacy-desk");
        assertThat(driver.getTimestampedKeyValueStore(MediawatchTopology.SUBSCRIPTIONS_BY_ENTITY_STORE)
                .get(EntitySubscriptions.ALL_KEY)).isNull();
        assertThat(driver.<String, Subscription>getKeyValueStore(MediawatchTopology.ALL_SUBSCRIPTIONS_STORE)
                .get("legacy-desk")).isEqualTo(legacy);

        subscriptions.pipeInput("legacy-desk", (Subscription) null);
        publish(article("up2", "Bukele again", "President Bukele visited the new wing."));
        assertThat(alerts.readValuesToList()).isEmpty();
    }

    /** A deletion applied before the task's first article is not undone by moving the earlier entry after it. */
    @Test
    void shouldMoveTheEarlierEntryBeforeApplyingTheFirstChange() {
        plantEarlierVersionsEntry(new Subscription("legacy-desk", List.of("bukele"), null, List.of(Channel.console())));

        subscriptions.pipeInput("legacy-desk", (Subscription) null);
        publish(article("up3", "Bukele speaks", "Nayib Bukele spoke about the prison."));
        assertThat(alerts.readValuesToList()).isEmpty();
        assertThat(driver.getTimestampedKeyValueStore(MediawatchTopology.SUBSCRIPTIONS_BY_ENTITY_STORE)
                .get(EntitySubscriptions.ALL_KEY)).isNull();
    }

    /** Subscriptions added, changed and removed between articles take effect from the next article. */
    @Test
    void shouldFollowSubscriptionChangesBetweenArticles() {
        publish(article("s1", "CECOT transfer", "More men were sent to CECOT."));
        assertThat(alerts.readValuesToList()).extracting(Alert::subscriptionId).containsExactly("immigration-desk");

        subscriptions.pipeInput("bukele-desk", new Subscription("bukele-desk", List.of("bukele"), null,
                List.of(Channel.console())));
        publish(article("s2", "Bukele speaks", "Nayib Bukele spoke about the prison."));
        assertThat(alerts.readValuesToList()).extracting(Alert::subscriptionId).containsExactly("bukele-desk");

        subscriptions.pipeInput("immigration-desk", new Subscription("immigration-desk", List.of("bukele"), null,
                List.of(Channel.console())));
        publish(article("s3", "CECOT again", "Another flight landed and the men were taken to CECOT."));
        assertThat(alerts.readValuesToList()).isEmpty();

        subscriptions.pipeInput("bukele-desk", (Subscription) null);
        publish(article("s4", "Bukele again", "President Bukele visited the new wing."));
        assertThat(alerts.readValuesToList()).extracting(Alert::subscriptionId).containsExactly("immigration-desk");
    }

    @Test
    void shouldAlertSubscriberWithTheContractFields() {
        publish(article("a1", "Deportees flown to El Salvador",
                "Dozens of men were sent to CECOT on Sunday. Lawyers said they had no hearing."));

        List<TestRecord<String, Alert>> out = alerts.readRecordsToList();
        assertThat(out).hasSize(1);
        Alert alert = out.get(0).value();
        assertThat(out.get(0).key()).isEqualTo("immigration-desk");
        assertThat(alert.kind()).isEqualTo("entity");
        assertThat(alert.subscriptionId()).isEqualTo("immigration-desk");
        assertThat(alert.articleId()).isEqualTo("a1");
        assertThat(alert.storyId()).isNotBlank();
        assertThat(alert.url()).isEqualTo("https://news.example/a1");
        assertThat(alert.title()).isEqualTo("Deportees flown to El Salvador");
        assertThat(alert.outlet()).isEqualTo("Demo Wire");
        assertThat(alert.publishedAt()).isEqualTo(PUBLISHED);
        assertThat(alert.detectedAt()).isEqualTo(NOW);
        assertThat(alert.entities()).containsExactly("cecot");
        assertThat(alert.snippet()).isEqualTo("Dozens of men were sent to CECOT on Sunday.");
        assertThat(alert.reason()).contains("CECOT");
        assertThat(alert.alertId()).isEqualTo(AlertIds.of("immigration-desk", "entity", alert.storyId()));
    }

    @Test
    void shouldClassifyWithScoresAndGuessTheLanguageWhenThePageDoesNotSayIt() {
        RawArticle a = new RawArticle("c1", "demo", "https://news.example/c1", "Judge blocks deportations",
                "Demo Wire", PUBLISHED, NOW, "", "La jueza federal bloqueó las deportaciones de los migrantes a "
                + "El Salvador y ordenó al gobierno que explique su plan ante la corte.", null, null, false);
        raw.pipeInput(a.articleId(), a);

        Article enriched = articles.readValue();
        assertThat(enriched.language()).isEqualTo("es");
        assertThat(enriched.categories()).contains("courts", "immigration");
        assertThat(enriched.categoryScores()).containsKeys("courts", "immigration");
        assertThat(enriched.categoryScores().keySet()).containsExactlyElementsOf(enriched.categories());
        assertThat(enriched.categoryScores().values()).allSatisfy(v -> assertThat(v).isGreaterThanOrEqualTo(3.0));
    }

    @Test
    void shouldNotAlertForAnUnrelatedArticle() {
        publish(article("a2", "Storms sweep the plains", "A line of thunderstorms crossed Kansas overnight."));

        assertThat(alerts.isEmpty()).isTrue();
        assertThat(articles.readValue().entities()).isEmpty();
        assertThat(mentions.isEmpty()).isTrue();
    }

    @Test
    void shouldMatchAccentedAndHyphenatedSpellings() {
        publish(article("a3", "Court hearing", "Lawyers for Kilmar Ábrego García asked the judge to act."));
        publish(article("a4", "Another hearing", "The Abrego-Garcia case returned to court on Monday."));

        assertThat(alerts.readValuesToList()).extracting(Alert::articleId).containsExactly("a3", "a4");
    }

    @Test
    void shouldNotMatchLookAlikesOrPartialNames() {
        publish(article("a5", "Racing legend returns", "Johnny Cecotto waved to the crowd at the track."));
        publish(article("a6", "Tribute concert", "The band played songs by Jerry Garcia all night."));
        publish(article("a7", "Cecotto family", "The Cecotto name is known in motor racing."));

        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void shouldSendOneAlertPerArticleListingEveryFollowedEntity() {
        publish(article("a8", "Abrego Garcia remains in CECOT",
                "Kilmar Abrego Garcia is held at CECOT, his lawyers said. Bukele declined to return him."));

        List<Alert> out = alerts.readValuesToList();
        assertThat(out).hasSize(1);
        assertThat(out.get(0).entities()).containsExactly("abrego-garcia", "cecot");
    }

    @Test
    void shouldNotAlertTwiceWhenTheSameArticleArrivesAgain() {
        RawArticle a = article("a9", "CECOT transfer", "More men were sent to CECOT.");
        publish(a);
        publish(a);

        assertThat(alerts.readValuesToList()).hasSize(1);
        assertThat(articles.readValuesToList()).hasSize(1);
    }

    @Test
    void shouldForgetSeenArticlesAndAlertedStoriesAfterTheRetention() {
        RawArticle a = article("a20", "CECOT transfer", "More men were sent to CECOT.");
        raw.pipeInput(a.articleId(), a, NOW);
        driver.advanceWallClockTime(Duration.ofDays(4));
        raw.pipeInput(a.articleId(), a, NOW.plus(Duration.ofDays(4)));

        assertThat(articles.readValuesToList()).hasSize(2);
        assertThat(alerts.readValuesToList()).hasSize(2);
    }

    @Test
    void shouldWriteEnrichedArticlesAndOneMentionPerEntityKeyedByEntity() {
        publish(article("a10", "Bukele and CECOT", "Nayib Bukele toured CECOT with visitors."));

        Article enriched = articles.readValue();
        assertThat(enriched.entityIds()).containsExactly("bukele", "cecot");
        assertThat(enriched.categories()).isNotEmpty();
        assertThat(enriched.language()).isEqualTo("en");
        assertThat(enriched.storyId()).isNotBlank();
        assertThat(mentions.readKeyValuesToList()).extracting(kv -> kv.key).containsExactly("bukele", "cecot");
    }

    @Test
    void shouldStopAlertingOnAnEntityTheSubscriptionNoLongerFollows() {
        subscriptions.pipeInput("immigration-desk", new Subscription("immigration-desk", List.of("abrego-garcia"),
                null, List.of(Channel.console())));
        publish(article("a11", "CECOT visit", "Reporters visited CECOT."));

        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void shouldStopAlertingWhenTheSubscriptionIsDeleted() {
        subscriptions.pipeInput("immigration-desk", (Subscription) null);
        publish(article("a12", "CECOT visit", "Reporters visited CECOT."));

        assertThat(alerts.isEmpty()).isTrue();
    }

    @Test
    void shouldApplyAnEntityAddedWhileRunning() {
        subscriptions.pipeInput("gangs-desk", new Subscription("gangs-desk", List.of("tren-de-aragua"), null,
                List.of(Channel.console())));
        publish(article("a13", "Gang case", "Prosecutors named Tren de Aragua in the filing."));
        assertThat(alerts.isEmpty()).isTrue();

        entities.pipeInput("tren-de-aragua", Entity.of("tren-de-aragua", "Tren de Aragua", "organization"));
        publish(article("a14", "Gang case, part two", "Prosecutors named Tren de Aragua again."));

        assertThat(alerts.readValuesToList()).extracting(Alert::articleId).containsExactly("a14");
    }

    @Test
    void shouldAlertEverySubscriptionThatFollowsTheEntity() {
        subscriptions.pipeInput("latam-desk", new Subscription("latam-desk", List.of("cecot", "bukele"), null,
                List.of(Channel.console())));
        publish(article("a15", "Prison", "Bukele showed CECOT to visitors."));

        assertThat(alerts.readKeyValuesToList()).extracting(kv -> kv.key)
                .containsExactlyInAnyOrder("immigration-desk", "latam-desk");
    }

    @Test
    void shouldSkipAPoisonRecordAndGoOn() {
        // The dead-letter record itself is asserted on a real broker in PipelineIT: the test driver
        // does not capture what a deserialization handler sends.
        rawBytes.pipeInput("bad".getBytes(StandardCharsets.UTF_8), "{not json".getBytes(StandardCharsets.UTF_8));
        publish(article("a16", "CECOT", "Men were sent to CECOT."));

        assertThat(alerts.readValuesToList()).extracting(Alert::articleId).containsExactly("a16");
    }

    @Test
    void shouldNameEveryProcessorStoreAndInternalTopic() {
        String description = MediawatchTopology.build(MediawatchTopology.Settings.defaults()).describe().toString();

        assertThat(description).doesNotContain("KSTREAM-").doesNotContain("KTABLE-");
        assertThat(description).contains("enrich-article", "subscription-fan-out", "article-alerts",
                "once-per-story", "once-per-spike", "subscriptions-by-entity-store", "alerted-stories-store",
                "alerted-spikes-store");
    }

    @Test
    void shouldRaiseEntityAndQueryAlertsInTheStoryTaskWithoutAnotherRepartition() {
        TopologyDescription description = MediawatchTopology.build(MediawatchTopology.Settings.defaults()).describe();
        TopologyDescription.Subtopology story = description.subtopologies().stream()
                .filter(sub -> sub.nodes().stream().anyMatch(n -> n.name().equals("assign-story")))
                .findFirst().orElseThrow();

        // raw -> [enrich] -> articles-for-stories -> [story, alerts] -> alerts: two transactional hops.
        assertThat(story.nodes()).extracting(TopologyDescription.Node::name)
                .contains("article-alerts", "once-per-story", "all-subscriptions-update", "entity-followers-update");
        // the article alerts read every subscription from the table's own store, in the same task
        assertThat(story.nodes()).filteredOn(n -> n.name().equals("article-alerts")).singleElement()
                .extracting(n -> ((TopologyDescription.Processor) n).stores())
                .isEqualTo(java.util.Set.of(MediawatchTopology.ALL_SUBSCRIPTIONS_STORE,
                        MediawatchTopology.SUBSCRIPTIONS_BY_ENTITY_STORE));
        assertThat(story.nodes()).extracting(TopologyDescription.Node::name).contains("all-subscriptions-update");
        assertThat(story.nodes()).filteredOn(n -> n instanceof TopologyDescription.Sink)
                .extracting(n -> String.valueOf(((TopologyDescription.Sink) n).topic()))
                .contains(Topics.ALERTS.name());
        assertThat(description.toString()).doesNotContain("alerts-by-subscription");
    }
}
