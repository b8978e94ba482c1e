package dev.mediawatch.enrich.query;

/**
 * A parsed boolean query (see {@link QueryParser} for the syntax). Matching is on whole words, accent-
 * and case-insensitive. To match one document against many queries, tokenise it once with
 * {@link DocumentTokens#of} and call {@link #matches(DocumentTokens)}, as {@link QueryIndex} does.
 */
public sealed interface Query permits Term, Phrase, Wildcard, And, Or, Not, Near, Field {

    default boolean matches(Document d) {
        return matches(DocumentTokens.of(d));
    }

    default boolean matches(DocumentTokens d) {
        return matches(d.view(Field.Name.TEXT));
    }

    /** Whether this query matches in {@code view}; terms look in the view, fields switch to their own. */
    boolean matches(FieldView view);
}
