package dev.mediawatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediawatch.kafka.Topic;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Article;
import dev.mediawatch.model.Channel;
import dev.mediawatch.model.Entity;
import dev.mediawatch.model.RawArticle;
import dev.mediawatch.model.Subscription;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StoriesAndQueriesTopologyTest {
    private static final Instant T0 = Instant.parse("2025-04-14T12:00:00Z");
    private static final String WIRE = """
            SAN SALVADOR (Demo Wire) - A U.S.-chartered deportation flight landed at El Salvador's international \
            airport on Sunday night, and Salvadoran officials said several of the men on board were taken under \
            heavy guard to CECOT, the maximum-security prison outside the capital.

            The transfer was the latest under an agreement between the two governments, under which El Salvador \
            holds people deported from the United States in exchange for payment. Lawyers for several of the men \
            said in court filings that their clients had never been charged with a crime and had no chance to \
            contest their removal before a judge.

            A spokesperson for the Salvadoran presidency said the prison would hold the new arrivals for at least \
            a year, and declined to say whether any of them would be allowed to speak with their families.""";
    private static final String WIRE_EDITED = WIRE.replace("on Sunday night", "late Sunday")
            .replace("(Demo Wire)", "(Demo Wire via Demo Public Radio)")
            + "\n\nDemo Public Radio's correspondent contributed reporting from San Salvador.";
    private static final String OTHER_STORY = """
            WASHINGTON - A federal judge on Tuesday ordered officials to answer questions under oath about what \
            they have done to bring back a Maryland man deported to El Salvador last month despite a court order. \
            The judge said the government's filings so far had been vague, and she set a two-week schedule for \
            depositions. Lawyers for the man, who is held at CECOT, said the order was a step toward his return.""";

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Subscription> subscriptions;
    private TestInputTopic<String, RawArticle> raw;
    private TestOutputTopic<String, Alert> alerts;
    private TestOutputTopic<String, Article> articles;
    private int seq;

    @BeforeEach
    void setUp() {
        driver = new TopologyTestDriver(
                MediawatchTopology.build(MediawatchTopology.Settings.defaults().withClock(Clock.fixed(T0, ZoneOffset.UTC))),
                StreamsSettings.properties("unused:9092", stateDir, true), T0);
        TestInputTopic<String, Entity> entities = input(Topics.ENTITIES);
        entities.pipeInput("cecot", Entity.of("cecot", "CECOT", "facility"), T0);
        entities.pipeInput("abrego-garcia", Entity.of("abrego-garcia", "Kilmar Abrego Garcia", "person",
                "Abrego Garcia"), T0);
        subscriptions = input(Topics.SUBSCRIPTIONS);
        subscriptions.pipeInput("desk", new Subscription("desk", List.of("cecot"), null, List.of(Channel.console())), T0);
        raw = input(Topics.ARTICLES_RAW);
        alerts = output(Topics.ALERTS);
        articles = output(Topics.ARTICLES);
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

    private void publish(String outlet, String title, String text, Instant at) {
        String id = "a" + (++seq);
        raw.pipeInput(id, new RawArticle(id, "f", "https://" + outlet.replace(' ', '-') + ".example/" + id, title,
                outlet, at, at, "", text, null, "en", false), at);
    }

    private void query(String id, String query) {
        subscriptions.pipeInput(id, new Subscription(id, List.of(), query, List.of(Channel.console())), T0);
    }

    private List<String> alertedTitles(String subscription) {
        return alerts.readValuesToList().stream().filter(a -> a.subscriptionId().equals(subscription))
                .map(Alert::title).toList();
    }

    @Test
    void shouldAlertOncePerStoryAcrossSyndicatedCopies() {
        publish("Demo Wire", "Deportees taken to CECOT", WIRE, T0);
        publish("Demo Public Radio", "Deportation flight lands; men taken to CECOT", WIRE_EDITED, T0.plusSeconds(300));

        List<Alert> out = alerts.readValuesToList();
        assertThat(out).hasSize(1);
        List<Article> enriched = articles.readValuesToList();
        assertThat(enriched).hasSize(2);
        assertThat(enriched.get(1).storyId()).isEqualTo(enriched.get(0).storyId());
        assertThat(enriched.get(1).storyOutlets()).containsExactly("Demo Wire", "Demo Public Radio");
    }

    @Test
    void shouldStartANewStoryForACopyArrivingAfterTheThreeDayHorizon() {
        publish("Demo Wire", "Deportees taken to CECOT", WIRE, T0);
        publish("Demo Public Radio", "Deportation flight lands; men taken to CECOT", WIRE_EDITED,
                T0.plus(Duration.ofDays(3)).plusSeconds(120));

        List<Article> enriched = articles.readValuesToList();
        assertThat(enriched).hasSize(2);
        assertThat(enriched.get(1).storyId()).isNotEqualTo(enriched.get(0).storyId());
        // both stories are remembered until the old one expires; the expiry rebuilds the band index
        KeyValueStore<String, StoryInfo> stories = driver.getKeyValueStore(MediawatchTopology.STORIES_STORE);
        assertThat(stories.get(enriched.get(0).storyId())).isNotNull();
        driver.advanceWallClockTime(Duration.ofDays(3).plusHours(1));
        assertThat(stories.get(enriched.get(0).storyId())).isNull();
        assertThat(stories.get(enriched.get(1).storyId())).isNotNull();
        publish("Demo Times", "Men taken to CECOT", WIRE_EDITED, T0.plus(Duration.ofDays(3)).plusSeconds(600));
        assertThat(articles.readValuesToList()).singleElement().extracting(Article::storyId)
                .isEqualTo(enriched.get(1).storyId());
    }

    @Test
    void shouldRebuildTheBandIndexFromTheStoriesStoreWithTheBandsOfLaterCopies() {
        publish("Demo Wire", "Deportees taken to CECOT", WIRE, T0);
        publish("Demo Public Radio", "Deportation flight lands; men taken to CECOT", WIRE_EDITED, T0.plusSeconds(300));
        List<Article> enriched = articles.readValuesToList();
        String story = enriched.get(0).storyId();
        assertThat(enriched.get(1).storyId()).isEqualTo(story);

        KeyValueStore<String, StoryInfo> stories = driver.getKeyValueStore(MediawatchTopology.STORIES_STORE);
        StoryInfo info = stories.get(story);
        long[] copyBands = dev.mediawatch.enrich.story.StoryFingerprint
                .of(enriched.get(1).title(), enriched.get(1).text()).bandHashes();
        // the copy's bands that the first signature does not give are kept with the story
        assertThat(info.extraBands()).isNotEmpty().doesNotContain(info.firstBands());
        assertThat(copyBands).contains(info.extraBands());
        StoryBandIndex rebuilt = StoryAssigner.rebuild(stories, Long.MIN_VALUE);
        for (long band : copyBands) {
            java.util.Set<String> found = new java.util.HashSet<>();
            rebuilt.collect(band, found);
            assertThat(found).as("band %x of the copy", band).containsExactly(story);
        }
    }

    @Test
    void shouldKeepWhatEverySubscriptionWasToldAboutAStoryInOneValue() {
        query("cecot-query", "CECOT AND prison");
        publish("Demo Wire", "Deportees taken to CECOT", WIRE, T0);
        publish("Demo Public Radio", "Deportation flight lands; men taken to CECOT", WIRE_EDITED, T0.plusSeconds(300));

        List<Alert> out = alerts.readValuesToList();
        assertThat(out).extracting(Alert::subscriptionId).containsExactlyInAnyOrder("desk", "cecot-query");
        String story = out.get(0).storyId();
        KeyValueStore<String, StoryAlerts> alerted = driver.getKeyValueStore(MediawatchTopology.ALERTED_STORIES_STORE);
        StoryAlerts told = alerted.get(story);
        assertThat(told.bySubscription()).containsOnlyKeys("desk", "cecot-query");
        assertThat(told.of("desk").outlets()).isEqualTo(1);
        try (var all = alerted.all()) {
            assertThat(all.next().key).isEqualTo(story);
            assertThat(all.hasNext()).isFalse();
        }
    }

    @Test
    void shouldNotAlertAgainOnAStoryAnEarlierVersionRecordedPerSubscription() {
        publish("Demo Wire", "Deportees taken to CECOT", WIRE, T0);
        Alert first = alerts.readValuesToList().get(0);
        // as an earlier version stored it: one value per subscription and story, and none per story
        KeyValueStore<String, StoryAlerts> alerted = driver.getKeyValueStore(MediawatchTopology.ALERTED_STORIES_STORE);
        long at = T0.toEpochMilli();
        alerted.delete(first.storyId());
        alerted.put("desk\n" + first.storyId(),
                StoryAlerts.SERDE.fromBytes(StoryAlertState.SERDE.toBytes(new StoryAlertState(at, at, 1))));

        publish("Demo Public Radio", "Deportation flight lands; men taken to CECOT", WIRE_EDITED, T0.plusSeconds(300));

        assertThat(alerts.readValuesToList()).isEmpty();
        assertThat(alerted.get(first.storyId()).of("desk")).isEqualTo(new StoryAlertState(at, at, 1));
    }

    @Test
    void shouldHonourAnEarlierVersionsValueEvenWhenTheStoryAlreadyHasANewOne() {
        query("cecot-query", "CECOT AND prison");
        publish("Demo Wire", "Deportees taken to CECOT", WIRE, T0);
        List<Alert> first = alerts.readValuesToList();
        assertThat(first).hasSize(2);
        String story = first.get(0).storyId();
        // after an upgrade: the query's state is in the new per-story value, the desk's only per subscription
        KeyValueStore<String, StoryAlerts> alerted = driver.getKeyValueStore(MediawatchTopology.ALERTED_STORIES_STORE);
        long at = T0.toEpochMilli();
        alerted.put(story, new StoryAlerts(java.util.Map.of("cecot-query", new StoryAlertState(at, at, 1))));
        alerted.put("desk\n" + story,
                StoryAlerts.SERDE.fromBytes(StoryAlertState.SERDE.toBytes(new StoryAlertState(at, at, 1))));

        publish("Demo Public Radio", "Deportation flight lands; men taken to CECOT", WIRE_EDITED, T0.plusSeconds(300));

        assertThat(alerts.readValuesToList()).isEmpty();
        assertThat(alerted.get(story).bySubscription()).containsOnlyKeys("cecot-query", "desk");
    }

    @Test
    void shouldKeepDifferentStoriesOnTheSameEntityApart() {
        publish("Demo Wire", "Deportees taken to CECOT", WIRE, T0);
        publish("The Demo Times", "Judge orders officials to testify", OTHER_STORY, T0.plusSeconds(60));

        assertThat(alerts.readValuesToList()).hasSize(2);
    }

    @Test
    void shouldSendOneStoryUpdateWhenTheStoryReachesNewOutletsAfterAnHour() {
        publish("Demo Wire", "Deportees taken to CECOT", WIRE, T0);
        publish("Demo Public Radio", "Men taken to CECOT", WIRE_EDITED, T0.plus(Duration.ofMinutes(10)));
        publish("Demo Times", "Flight lands; men taken to CECOT", WIRE_EDITED.replace("Sunday", "Sunday evening"),
                T0.plus(Duration.ofMinutes(75)));
        publish("Demo Post", "Men taken to CECOT, officials say", WIRE_EDITED.replace("heavy guard", "guard"),
                T0.plus(Duration.ofMinutes(80)));

        List<Alert> out = alerts.readValuesToList();
        assertThat(out).extracting(Alert::kind).containsExactly("entity", "story-update");
        Alert update = out.get(1);
        assertThat(update.storyId()).isEqualTo(out.get(0).storyId());
        assertThat(update.storyOutlets()).containsExactly("Demo Wire", "Demo Public Radio", "Demo Times");
        assertThat(update.reason()).contains("3 outlets").contains("was 1");
    }

    @Test
    void shouldAlertAQuerySubscriptionThatFollowsNoEntity() {
        query("courts", "\"Abrego Garcia\" AND (court OR judge)");
        publish("Demo Times", "Hearing", "Lawyers for Abrego Garcia asked the judge to act.", T0);
        publish("Demo Times", "Statement", "Abrego Garcia's family spoke to reporters.", T0.plusSeconds(5));

        List<Alert> out = alerts.readValuesToList().stream().filter(a -> a.subscriptionId().equals("courts")).toList();
        assertThat(out).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo("query");
            assertThat(a.title()).isEqualTo("Hearing");
            assertThat(a.reason()).contains("\"Abrego Garcia\" AND (court OR judge)");
        });
    }

    @Test
    void shouldMatchQueriesOfEveryOperatorAndField() {
        query("not", "deportation NOT Venezuela");
        query("near", "flight NEAR/3 landed");
        query("wildcard", "deport*");
        query("title", "title:hearing");
        query("outlet", "outlet:\"Demo Radio\"");
        query("entity", "entity:cecot AND prison");
        query("category", "category:courts");
        publish("Demo Radio", "Hearing on Monday", "The deportation flight landed late; the judge ruled on the case.",
                T0);
        publish("Demo Times", "Prison visit", "Reporters visited CECOT, the prison, after the deportation of "
                + "men from Venezuela.", T0.plusSeconds(5));

        List<Alert> out = alerts.readValuesToList();
        assertThat(out).filteredOn(a -> a.title().equals("Hearing on Monday")).extracting(Alert::subscriptionId)
                .containsExactlyInAnyOrder("not", "near", "wildcard", "title", "outlet", "category");
        assertThat(out).filteredOn(a -> a.title().equals("Prison visit")).extracting(Alert::subscriptionId)
                .containsExactlyInAnyOrder("desk", "wildcard", "entity");
    }

    @Test
    void shouldStopMatchingAQueryThatWasRemoved() {
        query("courts", "judge");
        subscriptions.pipeInput("courts", new Subscription("courts", List.of("abrego-garcia"), null,
                List.of(Channel.console())), T0);
        publish("Demo Times", "Ruling", "The judge ruled.", T0);

        assertThat(alertedTitles("courts")).isEmpty();
    }

    @Test
    void shouldSendOneAlertWhenAnArticleMatchesBothTheEntitiesAndTheQuery() {
        subscriptions.pipeInput("desk", new Subscription("desk", List.of("cecot"), "prison",
                List.of(Channel.console())), T0);
        publish("Demo Times", "CECOT", "CECOT is a prison.", T0);

        assertThat(alerts.readValuesToList()).hasSize(1);
    }
}
