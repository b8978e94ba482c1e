package dev.mediawatch.enrich;

/**
 * An article's title and text with their folded forms, each worked out once and shared by the entity
 * matcher and the classifier (folding is a quarter of the matcher's time). Not thread-safe: one
 * article, one thread.
 */
public final class ArticleText {
    private final String title;
    private final String text;
    private TextNormalizer.Normalized foldedTitle;
    private TextNormalizer.Normalized foldedText;

    /** Nulls are read as empty. */
    public ArticleText(String title, String text) {
        this.title = title == null ? "" : title;
        this.text = text == null ? "" : text;
    }

    public String title() {
        return title;
    }

    public String text() {
        return text;
    }

    TextNormalizer.Normalized foldedTitle() {
        if (foldedTitle == null) foldedTitle = TextNormalizer.normalize(title);
        return foldedTitle;
    }

    TextNormalizer.Normalized foldedText() {
        if (foldedText == null) foldedText = TextNormalizer.normalize(text);
        return foldedText;
    }
}
