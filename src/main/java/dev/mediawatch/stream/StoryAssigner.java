package dev.mediawatch.stream;

import dev.mediawatch.enrich.story.StoryFingerprint;
import dev.mediawatch.model.Article;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Gives near-duplicate copies of one story (wire copies, light edits, across outlets) the same
 * story id. Each article's MinHash band keys are looked up in a windowed store of the last
 * {@code horizon} (three days by default); the best earlier story whose estimated similarity
 * passes the threshold is this article's story, else the article starts a new one. All articles
 * pass through one task (one key), so copies on any partition meet.
 */
final class StoryAssigner implements FixedKeyProcessor<String, Article, Article> {
    private final Duration horizon;
    private final double threshold;
    private FixedKeyProcessorContext<String, Article> context;
    private WindowStore<String, String> bands;
    private KeyValueStore<String, StoryInfo> stories;

    StoryAssigner(Duration horizon, double threshold) {
        this.horizon = horizon;
        this.threshold = threshold;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Article> context) {
        this.context = context;
        this.bands = context.getStateStore(MediawatchTopology.STORY_BANDS_STORE);
        this.stories = context.getStateStore(MediawatchTopology.STORIES_STORE);
        context.schedule(Duration.ofMinutes(30), PunctuationType.WALL_CLOCK_TIME, this::expire);
    }

    @Override
    public void process(FixedKeyRecord<String, Article> record) {
        Article article = record.value();
        if (article == null) return;
        long now = record.timestamp();
        StoryFingerprint fp = StoryFingerprint.of(article.title(), article.text());
        String storyId = fp.isEmpty() ? null : bestMatch(fp, now);
        StoryInfo info = storyId == null ? null : stories.get(storyId);
        if (info == null) {
            storyId = article.articleId();
            info = new StoryInfo(fp.signature(), List.of(), now);
            StreamMetrics.storyStarted(article);
        }
        info = info.seen(article.outlet(), now);
        stories.put(storyId, info);
        for (String band : fp.bandKeys()) bands.put(band, storyId, now);
        context.forward(record.withValue(article.inStory(storyId, info.outlets())));
    }

    private String bestMatch(StoryFingerprint fp, long now) {
        Set<String> candidates = new LinkedHashSet<>();
        for (String band : fp.bandKeys()) {
            try (WindowStoreIterator<String> it = bands.fetch(band, now - horizon.toMillis(), now)) {
                while (it.hasNext()) candidates.add(it.next().value);
            }
        }
        String best = null;
        double bestScore = threshold;
        for (String candidate : candidates) {
            StoryInfo info = stories.get(candidate);
            if (info == null) continue;
            double score = fp.similarity(StoryFingerprint.fromSignature(info.signature()));
            if (score >= bestScore) {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    private void expire(long now) {
        long cutoff = now - horizon.toMillis();
        try (var all = stories.all()) {
            while (all.hasNext()) {
                var kv = all.next();
                if (kv.value != null && kv.value.lastSeen() < cutoff) stories.delete(kv.key);
            }
        }
    }
}
