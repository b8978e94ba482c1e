package dev.mediawatch.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * An article as fetched: the value on {@code mediawatch.articles.raw}, keyed by {@link #articleId()}.
 *
 * @param articleId   stable hash of the canonical URL
 * @param text        the extracted main text, or the feed summary where the page could not be had
 * @param language    ISO 639-1 code where known
 * @param truncated   true when the text looks cut by a paywall (the summary is kept beside it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RawArticle(
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
        boolean truncated) {

    public RawArticle {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(url, "url");
        if (title == null) title = "";
        if (summary == null) summary = "";
        if (text == null || text.isBlank()) text = summary;
    }
}
