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
 * it: rebuilt when the task starts (after the store is restored) and whenever expired stories are removed.
 * An earlier version kept the index in a store of its own ({@code story-band-index-store}), whose reads,
 * writes and changelog records (32 of each per article) were a quarter of the stream thread's time.
 */
final class StoryAssigner implements FixedKeyProcessor<String, Article, Article> {
    private final Duration horizon;
    private final double threshold;
    private FixedKeyProcessorContext<String, Article> context;
    private KeyValueStore<String, StoryInfo> stories;
    private StoryBandIndex index = new StoryBandIndex();

    StoryAssigner(Duration horizon, double threshold) {
        this.horizon = horizon;
        this.threshold = threshold;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Article> context) {
        this.context = context;
        this.stories = context.getStateStore(MediawatchTopology.STORIES_STORE);
        index = rebuild(stories, Long.MIN_VALUE);
        context.schedule(Duration.ofMinutes(30), PunctuationType.WALL_CLOCK_TIME, this::expire);
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
        for (long band : bands) index.add(band, storyId);
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

    private void expire(long now) {
        index = rebuild(stories, now - horizon.toMillis());
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
            for (long band : kv.value.allBands()) index.add(band, kv.key);
        }
        return index;
    }
}
