package dev.mediawatch.ingest;

import java.time.Instant;
import java.util.Objects;

/**
 * What {@link ArticleExtractor} found on a page.
 *
 * @param canonicalUrl the page's canonical URL, {@link UrlCanonicalizer canonicalized}; never null
 * @param title        plain text, possibly empty
 * @param byline       the author(s), or null
 * @param publishedAt  publication time, or null
 * @param language     primary language subtag in lower case (e.g. {@code en}), or null
 * @param text         main text, paragraphs separated by blank lines, possibly empty
 * @param truncated    true when a paywall marker is present, or an article page yields very little text
 */
public record ExtractedPage(String canonicalUrl, String title, String byline, Instant publishedAt, String language,
                            String text, boolean truncated) {
    public ExtractedPage {
        Objects.requireNonNull(canonicalUrl, "canonicalUrl");
        if (title == null) title = "";
        if (text == null) text = "";
    }
}
