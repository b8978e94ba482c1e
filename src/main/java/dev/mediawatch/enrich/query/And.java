package dev.mediawatch.enrich.query;

import java.util.List;

/** Every clause matches. */
public record And(List<Query> clauses) implements Query {

    public And {
        clauses = List.copyOf(clauses);
        if (clauses.isEmpty()) throw new IllegalArgumentException("clauses is empty");
    }

    @Override
    public boolean matches(FieldView view) {
        for (Query q : clauses) {
            if (!q.matches(view)) return false;
        }
        return true;
    }
}
