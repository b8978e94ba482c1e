package dev.mediawatch.enrich.query;

/** A query that cannot be parsed; the message says what was expected and where. */
public final class QueryParseException extends Exception {

    private final int position;

    QueryParseException(String expectation, int position) {
        super(expectation + " at position " + position);
        this.position = position;
    }

    /** The 0-based char offset in the query text where parsing failed. */
    public int position() {
        return position;
    }
}
