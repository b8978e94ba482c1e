package dev.mediawatch.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One entity in one article: the value on {@code mediawatch.mentions}, keyed by {@code entity.id()}.
 * It carries what an alert needs so the subscription join needs no second lookup.
 *
 * @param entity            the mention itself
 * @param articleEntityIds  every entity id the article mentions, so an alert can list all it matched
 */
public record Mention(
        EntityMention entity,
        String articleId,
        String storyId,
        String url,
        String title,
        String outlet,
        Instant publishedAt,
        List<String> articleEntityIds,
        List<String> categories,
        List<String> storyOutlets,
        Instant fetchedAt) {

    public Mention {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(articleId, "articleId");
        articleEntityIds = articleEntityIds == null ? List.of() : List.copyOf(articleEntityIds);
        categories = categories == null ? List.of() : List.copyOf(categories);
        storyOutlets = storyOutlets == null ? List.of() : List.copyOf(storyOutlets);
        if (storyId == null) storyId = articleId;
    }

    public static Mention of(Article article, EntityMention entity) {
        return new Mention(entity, article.articleId(), article.storyId(), article.url(), article.title(),
                article.outlet(), article.publishedAt(), article.entityIds(), article.categories(),
                article.storyOutlets(), article.fetchedAt());
    }
}
