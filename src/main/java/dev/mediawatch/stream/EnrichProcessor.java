package dev.mediawatch.stream;

import dev.mediawatch.enrich.ArticleText;
import dev.mediawatch.enrich.Classifier;
import dev.mediawatch.enrich.EntityMatcher;
import dev.mediawatch.enrich.LanguageGuesser;
import dev.mediawatch.model.Article;
import dev.mediawatch.model.Entity;
import dev.mediawatch.model.EntityMention;
import dev.mediawatch.model.RawArticle;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Turns a raw article into an enriched one: drops an article id seen before (a re-poll, a second
 * feed carrying it), matches the watchlist, classifies, and assigns the story.
 */
final class EnrichProcessor implements Processor<String, RawArticle, String, Article> {
    private final EntityIndex index;
    private final Duration seenRetention;
    private ProcessorContext<String, Article> context;
    private ReadOnlyKeyValueStore<String, Entity> entities;
    private KeyValueStore<String, Long> seen;

    EnrichProcessor(EntityIndex index, Duration seenRetention) {
        this.index = index;
        this.seenRetention = seenRetention;
    }

    @Override
    public void init(ProcessorContext<String, Article> context) {
        this.context = context;
        this.entities = context.getStateStore(MediawatchTopology.ENTITIES_STORE);
        this.seen = context.getStateStore(MediawatchTopology.SEEN_ARTICLES_STORE);
        StoreExpiry.schedule(context, seen, Long::longValue, now -> now - seenRetention.toMillis());
    }

    @Override
    public void process(Record<String, RawArticle> record) {
        RawArticle raw = record.value();
        if (raw == null || record.key() == null) return;
        if (seen.get(raw.articleId()) != null) return;
        seen.put(raw.articleId(), record.timestamp());
        EntityMatcher matcher = index.matcher(entities);
        ArticleText text = new ArticleText(raw.title(), raw.text()); // folded once for both
        List<EntityMention> mentions = matcher.match(text);
        Map<String, Double> scores = index.classifier(entities).scores(text, mentions);
        List<String> categories = scores.isEmpty() ? List.of(Classifier.OTHER) : List.copyOf(scores.keySet());
        String language = LanguageGuesser.normalize(raw.language());
        if (language == null) language = LanguageGuesser.guess(raw.text());
        Article article = Article.of(raw, mentions, categories, scores, language, raw.articleId());
        StreamMetrics.articleEnriched(article);
        context.forward(record.withKey(raw.articleId()).withValue(article));
    }
}
