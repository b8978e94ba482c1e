package dev.mediawatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mediawatch.model.Article;
import dev.mediawatch.model.RawArticle;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The story assigner's band index rebuilt a slice at a time (two stories per second here): copies keep
 * finding their stories before, during and after the pass, and expired stories are gone at its end.
 */
class StoryAssignerTest {
    private static final Instant T0 = Instant.parse("2025-04-14T12:00:00Z");
    private static final String[] TOPICS = {
        "deportation flight landed at the international airport and the men were taken under guard to the prison",
        "a federal judge ordered officials to answer questions under oath about the deported maryland man",
        "the foreign minister met the president to discuss the agreement on holding deported prisoners",
        "lawyers filed an emergency motion asking the appeals court to halt removals under the wartime law",
        "the gang designated a terrorist organisation was the subject of a new report on recruitment in prisons",
        "a new story that starts while the index is being rebuilt and must be found in the rebuilt index too",
    };
    private static final int BEFORE = 5; // stories published before the pass

    @TempDir
    Path stateDir;

    private TopologyTestDriver driver;
    private TestInputTopic<String, Article> in;
    private TestOutputTopic<String, Article> out;
    private KeyValueStore<String, StoryInfo> stories;
    private int seq;

    @BeforeEach
    void setUp() {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(MediawatchTopology.STORIES_STORE),
                Serdes.String(), StoryInfo.SERDE));
        builder.stream("in", Consumed.with(Serdes.String(), InternalArticles.SERDE))
                .processValues(() -> new StoryAssigner(Duration.ofDays(3), 0.5, 2), MediawatchTopology.STORIES_STORE)
                .to("out", Produced.with(Serdes.String(), InternalArticles.SERDE));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "story-assigner-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, T0);
        in = driver.createInputTopic("in", Serdes.String().serializer(), InternalArticles.SERDE.serializer());
        out = driver.createOutputTopic("out", Serdes.String().deserializer(), InternalArticles.SERDE.deserializer());
        stories = driver.getKeyValueStore(MediawatchTopology.STORIES_STORE);
    }

    @AfterEach
    void tearDown() {
        driver.close();
    }

    /** A copy of topic {@code t} (a long text of it, with a per-copy sign-off), published at {@code at}. */
    private String publish(int t, String outlet, Instant at) {
        String id = "a" + (++seq);
        String text = (TOPICS[t] + ". ").repeat(4) + "Reporting by " + outlet + ".";
        RawArticle raw = new RawArticle(id, "f", "https://example.org/" + id, "Story " + t, outlet, at, at, "", text,
                null, "en", false);
        in.pipeInput("*", Article.of(raw, List.of(), List.of(), Map.of(), "en", null), at.toEpochMilli());
        return out.readValue().storyId();
    }

    private int storyCount() {
        int n = 0;
        try (var all = stories.all()) {
            for (; all.hasNext(); all.next()) n++;
        }
        return n;
    }

    @Test
    void copiesFindTheirStoriesBeforeDuringAndAfterASlicedRebuild() {
        String[] story = new String[TOPICS.length];
        for (int t = 0; t < BEFORE; t++) story[t] = publish(t, "Demo Wire", T0);
        String old = publish(0, "Demo Old", T0.minus(Duration.ofDays(5))); // a copy stamped long ago joins story 0
        assertThat(old).isEqualTo(story[0]);
        assertThat(storyCount()).isEqualTo(BEFORE);

        driver.advanceWallClockTime(Duration.ofMinutes(31));           // the pass starts: stories a1, a2
        for (int t = 0; t < BEFORE; t++) assertThat(publish(t, "Demo Times", T0.plusSeconds(1900))).isEqualTo(story[t]);
        driver.advanceWallClockTime(Duration.ofSeconds(1));            // a3, a4
        assertThat(publish(4, "Demo Post", T0.plusSeconds(1901))).isEqualTo(story[4]);
        // a new story, a13: its key sorts before the pass's position, so only the article puts it in the new index
        story[BEFORE] = publish(BEFORE, "Demo Wire", T0.plusSeconds(1901));
        assertThat(story[BEFORE]).isEqualTo("a13");
        driver.advanceWallClockTime(Duration.ofSeconds(1));            // a5: the end; the new index takes over
        driver.advanceWallClockTime(Duration.ofSeconds(1));            // (no pass under way: nothing to do)
        for (int t = 0; t < TOPICS.length; t++) {
            assertThat(publish(t, "Demo Radio", T0.plusSeconds(1903))).as("topic %d", t).isEqualTo(story[t]);
        }
    }

    @Test
    void storiesUnseenPastTheHorizonAreDeletedByThePass() {
        String gone = publish(0, "Demo Wire", T0);
        driver.advanceWallClockTime(Duration.ofDays(3));
        String kept = publish(1, "Demo Wire", T0.plus(Duration.ofDays(3)));
        driver.advanceWallClockTime(Duration.ofHours(1));              // a pass starts, two stories per second
        driver.advanceWallClockTime(Duration.ofSeconds(1));
        assertThat(stories.get(gone)).isNull();
        assertThat(stories.get(kept)).isNotNull();
        // a copy of the expired story starts a story of its own
        assertThat(publish(0, "Demo Times", T0.plus(Duration.ofDays(3)).plusSeconds(3700))).isNotEqualTo(gone);
        assertThat(publish(1, "Demo Times", T0.plus(Duration.ofDays(3)).plusSeconds(3701))).isEqualTo(kept);
    }
}
