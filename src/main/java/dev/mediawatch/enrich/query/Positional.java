package dev.mediawatch.enrich.query;

/** A query that occurs at word positions (term, phrase, wildcard), so {@link Near} can measure distance. */
interface Positional {

    /** Ascending start positions of each occurrence in {@code view}. */
    int[] starts(FieldView view);

    /** How many words one occurrence spans. */
    int width();
}
