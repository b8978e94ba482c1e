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

/**
 * Gives near-duplicate copies of one story (wire copies, light edits, across outlets) the same
 * story id. Each article's MinHash band keys are looked up in a key-value store of band key ->
 * stories seen with it in the last {@code horizon} (three days by default; {@link BandStories}); the
 * best earlier story whose estimated similarity passes the threshold is this article's story, else
 * the article starts a new one. All articles pass through one task (one key), so copies on any
 * partition meet.
 *
 * <p>The band index used to be a window store ({@code story-bands-store}): 32 range fetches per article,
 * each seeking in every segment, were the largest single cost of the story task; a point lookup per
 * band costs a fraction of that, and a key-value store keeps its changelog offsets across a clean
 * restart, where the window store was wiped and restored each time.
 */
final class StoryAssigner implements FixedKeyProcessor<String, Article, Article> {
    private final Duration horizon;
    private final double threshold;
    private FixedKeyProcessorContext<String, Article> context;
    private KeyValueStore<String, BandStories> bands;
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
        List<String> bandKeys = fp.bandKeys();
        BandStories[] found = new BandStories[bandKeys.size()]; // read once, updated below
        long cutoff = now - horizon.toMillis();
        String storyId = fp.isEmpty() ? null : bestMatch(fp, bandKeys, found, cutoff);
        StoryInfo info = storyId == null ? null : stories.get(storyId);
        if (info == null) {
            storyId = article.articleId();
            info = new StoryInfo(fp.signature(), List.of(), now);
            StreamMetrics.storyStarted(article);
        }
        info = info.seen(article.outlet(), now);
        stories.put(storyId, info);
        for (int i = 0; i < bandKeys.size(); i++) {
            BandStories before = found[i] != null ? found[i] : BandStories.EMPTY;
            bands.put(bandKeys.get(i), before.with(storyId, now, cutoff));
        }
        context.forward(record.withValue(article.inStory(storyId, info.outlets())));
    }

    private String bestMatch(StoryFingerprint fp, List<String> bandKeys, BandStories[] found, long cutoff) {
        Set<String> candidates = new LinkedHashSet<>();
        for (int i = 0; i < bandKeys.size(); i++) {
            BandStories band = found[i] = bands.get(bandKeys.get(i));
            if (band == null) continue;
            for (int j = 0; j < band.storyIds().size(); j++) {
                if (band.seen()[j] >= cutoff) candidates.add(band.storyIds().get(j));
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
        StoreExpiry.expire(stories, now - horizon.toMillis(), StoryInfo::lastSeen);
        StoreExpiry.expire(bands, now - horizon.toMillis(), BandStories::newest);
    }
}
