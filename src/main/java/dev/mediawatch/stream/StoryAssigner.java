package dev.mediawatch.stream;

import dev.mediawatch.enrich.story.StoryFingerprint;
import dev.mediawatch.model.Article;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Gives near-duplicate copies of one story (wire copies, light edits, across outlets) the same
 * story id. Each article's 32 MinHash band hashes are looked up in an in-memory LSH index
 * ({@link StoryBandIndex}) of the stories seen in the last {@code horizon} (three days by default); the
 * earlier story with the highest estimated similarity, at least the threshold, is this article's story
 * (on a tie, the one seen last), else the article starts a new one. All articles pass through one task
 * (one key), so copies arriving on any partition meet.
 *
 * <p>The stories store ({@code stories-store}, changelogged) is the state; the band index is derived from
 * it: rebuilt whole when the task starts (after the store is restored), and every 30 minutes
 * {@link #REBUILD_SLICE} stories per second, while expired stories are removed (a whole rebuild took
 * 1.3-1.9 s per 100,000 stories, during which no article moved).
 * An earlier version kept the index in a store of its own ({@code story-band-index-store}), whose reads,
 * writes and changelog records (32 of each per article) were a quarter of the stream thread's time.
 */
final class StoryAssigner implements FixedKeyProcessor<String, Article, Article> {
    /** How often expired stories are removed and the band index rebuilt without them. */
    static final Duration REBUILD_EVERY = Duration.ofMinutes(30);
    /**
     * Stories taken into the new index per second. A story costs far more than a plain store entry
     * (its signature decoded, up to 96 bands indexed): 500 took 7-8 ms per slice on 100,000 stories,
     * 5,000 took 59-78 ms, a pause every second of the pass.
     */
    static final int REBUILD_SLICE = 500;

    private final Duration horizon;
    private final double threshold;
    private final int slice;
    private FixedKeyProcessorContext<String, Article> context;
    private KeyValueStore<String, StoryInfo> stories;
    private StoryBandIndex index = new StoryBandIndex();
    private StoryBandIndex next;     // being rebuilt by the pass under way, if any
    private StoreExpiry<StoryInfo> pass;
    private long nextPassAt;

    StoryAssigner(Duration horizon, double threshold) {
        this(horizon, threshold, REBUILD_SLICE);
    }

    /** @param slice stories examined per second while the band index is rebuilt */
    StoryAssigner(Duration horizon, double threshold, int slice) {
        this.horizon = horizon;
        this.threshold = threshold;
        this.slice = slice;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Article> context) {
        this.context = context;
        this.stories = context.getStateStore(MediawatchTopology.STORIES_STORE);
        index = rebuild(stories, Long.MIN_VALUE);
        nextPassAt = context.currentSystemTimeMs() + REBUILD_EVERY.toMillis();
        context.schedule(StoreExpiry.EVERY, PunctuationType.WALL_CLOCK_TIME, this::expireSlice);
    }

    @Override
    public void process(FixedKeyRecord<String, Article> record) {
        Article article = record.value();
        if (article == null) return;
        long now = record.timestamp();
        StoryFingerprint fp = StoryFingerprint.of(article.title(), article.text());
        long[] bands = fp.bandHashes();
        KeyValue<String, StoryInfo> match = fp.isEmpty() ? null : bestMatch(fp, bands, now - horizon.toMillis());
        String storyId;
        StoryInfo info;
        if (match == null) {
            storyId = article.articleId();
            info = new StoryInfo(fp.signature(), List.of(), now);
            StreamMetrics.storyStarted(article);
        } else {
            storyId = match.key;
            info = match.value.withBandsOf(bands);
        }
        info = info.seen(article.outlet(), now);
        stories.put(storyId, info);
        for (long band : bands) {
            index.add(band, storyId, info.lastSeen());
            if (next != null) next.add(band, storyId, info.lastSeen());
        }
        context.forward(record.withValue(article.inStory(storyId, info.outlets())));
    }

    private KeyValue<String, StoryInfo> bestMatch(StoryFingerprint fp, long[] bands, long cutoff) {
        Set<String> candidates = new LinkedHashSet<>();
        for (long band : bands) index.collect(band, candidates);
        KeyValue<String, StoryInfo> best = null;
        double bestScore = threshold;
        for (String candidate : candidates) {
            StoryInfo info = stories.get(candidate);
            if (info == null || info.lastSeen() < cutoff) continue;
            double score = fp.similarity(StoryFingerprint.fromSignature(info.signature()));
            if (score > bestScore || (score == bestScore && (best == null || info.lastSeen() > best.value.lastSeen()))) {
                best = KeyValue.pair(candidate, info);
                bestScore = score;
            }
        }
        return best;
    }

    /**
     * Every {@link #REBUILD_EVERY} a pass over the stories store starts: each second it takes the next
     * slice of stories, deletes those unseen since the horizon and adds the rest to a new band index
     * (as do the articles processed meanwhile); when the pass ends, the new index replaces the old.
     */
    private void expireSlice(long now) {
        if (next == null) {
            if (now < nextPassAt) return;
            next = new StoryBandIndex(Math.max(1024, index.bands()));
            pass = new StoreExpiry<>(stories, StoryInfo::lastSeen, slice,
                    (id, info) -> {
                        for (long band : info.allBands()) next.add(band, id, info.lastSeen());
                    });
        }
        pass.step(now - horizon.toMillis());
        if (pass.atStart()) { // the pass reached the end of the store
            index = next;
            next = null;
            pass = null;
            nextPassAt = now + REBUILD_EVERY.toMillis();
        }
    }

    /**
     * Deletes the stories last seen before {@code cutoff} and indexes the rest under all their bands,
     * oldest first, so each band's newest stories are the ones kept.
     */
    static StoryBandIndex rebuild(KeyValueStore<String, StoryInfo> stories, long cutoff) {
        List<KeyValue<String, StoryInfo>> live = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        try (var all = stories.all()) {
            while (all.hasNext()) {
                var kv = all.next();
                if (kv.value == null) continue;
                if (kv.value.lastSeen() < cutoff) expired.add(kv.key);
                else live.add(kv);
            }
        }
        for (String id : expired) stories.delete(id);
        live.sort(Comparator.comparingLong(kv -> kv.value.lastSeen()));
        StoryBandIndex index = new StoryBandIndex(live.size() * StoryFingerprint.BANDS);
        for (var kv : live) {
            for (long band : kv.value.allBands()) index.add(band, kv.key, kv.value.lastSeen());
        }
        return index;
    }
}
