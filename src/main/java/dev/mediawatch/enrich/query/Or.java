package dev.mediawatch.enrich.query;

import java.util.List;

/** At least one clause matches. */
public record Or(List<Query> clauses) implements Query {

    public Or {
        clauses = List.copyOf(clauses);
        if (clauses.isEmpty()) throw new IllegalArgumentException("clauses is empty");
    }

    @Override
    public boolean matches(FieldView view) {
        for (Query q : clauses) {
            if (q.matches(view)) return true;
        }
        return false;
    }
}
