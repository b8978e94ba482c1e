package dev.mediawatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoryBandIndexTest {

    private static List<String> stories(StoryBandIndex index, long band) {
        List<String> out = new ArrayList<>();
        index.collect(band, out);
        return out;
    }

    @Test
    void keepsTheNewestStoriesOfABandFirstAndAtMostTheCap() {
        StoryBandIndex index = new StoryBandIndex();
        for (int i = 0; i < 40; i++) index.add(7L, "s" + i, i);
        List<String> found = stories(index, 7L);
        assertThat(found).hasSize(StoryBandIndex.MAX_STORIES).startsWith("s39", "s38").endsWith("s24")
                .doesNotContain("s23", "s0");
        assertThat(stories(index, 8L)).isEmpty();
    }

    @Test
    void aStorySeenAgainMovesToTheFrontAndIsNotListedTwice() {
        StoryBandIndex index = new StoryBandIndex();
        index.add(1L, "a", 1);
        index.add(1L, "b", 2);
        index.add(1L, "c", 3);
        index.add(1L, "a", 4);
        assertThat(stories(index, 1L)).containsExactly("a", "c", "b");
        index.add(1L, "a", 4);
        assertThat(stories(index, 1L)).containsExactly("a", "c", "b");
        index.add(1L, "b", 2); // an older time than the story has does not move it back
        assertThat(stories(index, 1L)).containsExactly("a", "c", "b");
        // a story cut off by the cap comes back at the front
        for (int i = 0; i < StoryBandIndex.MAX_STORIES; i++) index.add(1L, "n" + i, 10 + i);
        assertThat(stories(index, 1L)).doesNotContain("a");
        index.add(1L, "a", 100);
        assertThat(stories(index, 1L)).hasSize(StoryBandIndex.MAX_STORIES).first().isEqualTo("a");
    }

    @Test
    void aBandHashOfZeroIsFoundLikeAnyOther() {
        StoryBandIndex index = new StoryBandIndex();
        index.add(0L, "zero", 0);
        assertThat(stories(index, 0L)).containsExactly("zero");
    }

    /** Against a plain map of lists, through growth and collisions of the table's slots. */
    @Test
    void agreesWithAPlainMapOverManyRandomBands() {
        Random random = new Random(42);
        StoryBandIndex index = new StoryBandIndex(16);
        Map<Long, List<String>> plain = new HashMap<>();
        long[] bands = new long[5_000];
        for (int i = 0; i < bands.length; i++) bands[i] = random.nextLong() & 0xFFFF_0000_FFFFL; // shared low bits
        for (int i = 0; i < 60_000; i++) {
            long band = bands[random.nextInt(bands.length)];
            String story = "s" + random.nextInt(2_000);
            index.add(band, story, i);
            List<String> list = plain.computeIfAbsent(band, b -> new ArrayList<>());
            list.remove(story);
            list.add(0, story);
            if (list.size() > StoryBandIndex.MAX_STORIES) list.remove(list.size() - 1);
        }
        assertThat(index.bands()).isEqualTo(plain.size());
        for (var e : plain.entrySet()) {
            assertThat(stories(index, e.getKey())).isEqualTo(e.getValue());
        }
        assertThat(stories(index, 123L)).isEmpty();
        LinkedHashSet<String> union = new LinkedHashSet<>();
        index.collect(bands[0], union);
        index.collect(bands[0], union);
        assertThat(union).hasSameSizeAs(plain.getOrDefault(bands[0], List.of()));
    }

    /**
     * The incremental rebuild adds stories in the store's key order, not by time: the chains must come out
     * as adding them oldest first gives, including which stories the cap keeps.
     */
    @Test
    void givesTheSameIndexWhateverOrderStoriesAreAddedIn() {
        Random random = new Random(11);
        List<String> ids = new ArrayList<>();
        Map<String, Long> lastSeen = new HashMap<>();
        Map<String, long[]> bandsOf = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            String id = "story-" + i;
            ids.add(id);
            lastSeen.put(id, 1_000_000L + i * 7L);      // distinct times
            long[] b = new long[4];
            for (int j = 0; j < b.length; j++) b[j] = random.nextInt(200); // few bands: chains reach the cap
            bandsOf.put(id, b);
        }
        StoryBandIndex byTime = new StoryBandIndex(16);
        for (String id : ids) for (long b : bandsOf.get(id)) byTime.add(b, id, lastSeen.get(id));
        List<String> shuffled = new ArrayList<>(ids);
        java.util.Collections.shuffle(shuffled, random);
        StoryBandIndex anyOrder = new StoryBandIndex(16);
        for (String id : shuffled) for (long b : bandsOf.get(id)) anyOrder.add(b, id, lastSeen.get(id));
        for (long band = 0; band < 200; band++) {
            assertThat(stories(anyOrder, band)).as("band %d", band).isEqualTo(stories(byTime, band))
                    .hasSizeLessThanOrEqualTo(StoryBandIndex.MAX_STORIES);
        }
        assertThat(stories(byTime, 5L)).hasSize(StoryBandIndex.MAX_STORIES);
    }
}
