package dev.mediawatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An enriched article: the value on {@code mediawatch.articles}. All fields of {@link RawArticle}, plus
 * the entities it mentions, its categories (best first) with their scores, its language (from the
 * page, else guessed from the text), the story it belongs to ({@code storyId}, shared by
 * near-duplicate copies) and the outlets that carry that story so far ({@code storyOutlets}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Article(
        String articleId,
        String feedId,
        String url,
        String title,
        String outlet,
        Instant publishedAt,
        Instant fetchedAt,
        String summary,
        String text,
        String byline,
        String language,
        boolean truncated,
        List<EntityMention> entities,
        List<String> categories,
        Map<String, Double> categoryScores,
        String storyId,
        List<String> storyOutlets) {

    public Article {
        Objects.requireNonNull(articleId, "articleId");
        entities = entities == null ? List.of() : List.copyOf(entities);
        categories = categories == null ? List.of() : List.copyOf(categories);
        categoryScores = categoryScores == null ? Map.of() : java.util.Collections.unmodifiableMap(
                new java.util.LinkedHashMap<>(categoryScores));
        if (storyId == null) storyId = articleId;
        storyOutlets = storyOutlets == null ? List.of() : List.copyOf(storyOutlets);
    }

    public static Article of(RawArticle raw, List<EntityMention> entities, List<String> categories,
                             Map<String, Double> categoryScores, String language, String storyId) {
        return new Article(raw.articleId(), raw.feedId(), raw.url(), raw.title(), raw.outlet(), raw.publishedAt(),
                raw.fetchedAt(), raw.summary(), raw.text(), raw.byline(), language, raw.truncated(),
                entities, categories, categoryScores, storyId, List.of());
    }

    /** This article as part of a story already carried by {@code outlets} (this one's included). */
    public Article inStory(String story, List<String> outlets) {
        return new Article(articleId, feedId, url, title, outlet, publishedAt, fetchedAt, summary, text, byline,
                language, truncated, entities, categories, categoryScores, story, outlets);
    }

    public List<String> entityIds() {
        return entities.stream().map(EntityMention::id).toList();
    }
}
