package dev.mediawatch.enrich.query;

import dev.mediawatch.model.Article;
import java.util.Set;

/**
 * What a query is matched against: the article's words and the ids the enrich stage attached to it.
 *
 * @param title      the headline; searched by bare terms and by {@code title:}
 * @param text       the body; searched by bare terms
 * @param outlet     the outlet's display name; searched by {@code outlet:}
 * @param entityIds  entity ids found in the article; searched by {@code entity:}
 * @param categories category names; searched by {@code category:}
 */
public record Document(String title, String text, String outlet, Set<String> entityIds, Set<String> categories) {

    public Document {
        if (title == null) title = "";
        if (text == null) text = "";
        if (outlet == null) outlet = "";
        entityIds = entityIds == null ? Set.of() : Set.copyOf(entityIds);
        categories = categories == null ? Set.of() : Set.copyOf(categories);
    }

    /** The document for an enriched article; the summary stands in for a missing body. */
    public static Document of(Article a) {
        String text = a.text() == null || a.text().isBlank() ? a.summary() : a.text();
        return new Document(a.title(), text, a.outlet(), Set.copyOf(a.entityIds()), Set.copyOf(a.categories()));
    }
}
