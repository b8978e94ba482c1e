package dev.mediawatch.enrich.query;

import java.util.Objects;

/** The clause does not match. */
public record Not(Query clause) implements Query {

    public Not {
        Objects.requireNonNull(clause, "clause");
    }

    @Override
    public boolean matches(FieldView view) {
        return !clause.matches(view);
    }
}
