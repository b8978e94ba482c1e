package dev.mediawatch.enrich.query;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** A query restricted to one field of the document, e.g. {@code title:(court OR judge)}. */
public record Field(Name name, Query query) implements Query {

    /** The fields a query can name. Keyword fields compare whole values (ids), not words. */
    public enum Name {
        /** Title and body: where bare terms look. */
        TEXT(false),
        TITLE(false),
        OUTLET(false),
        ENTITY(true),
        CATEGORY(true);

        private final boolean keyword;

        Name(boolean keyword) {
            this.keyword = keyword;
        }

        public boolean isKeyword() {
            return keyword;
        }

        /** The name as written in a query: {@code title}, {@code entity}, ... */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Name> fromLabel(String label) {
            for (Name n : values()) {
                if (n.label().equals(label.toLowerCase(Locale.ROOT))) return Optional.of(n);
            }
            return Optional.empty();
        }

        /**
         * The presearch key for a word of this field: the bare word for text; tagged for the others, e.g.
         * {@code title:court}, {@code entity:cecot}, never equal to a bare word. A document offers a title
         * word both ways, since it is a text word too; a {@code title:} query is indexed under the tagged
         * key, which far fewer documents have.
         */
        String indexKey(String word) {
            return this == TEXT ? word : label() + ":" + word;
        }
    }

    public Field {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(query, "query");
    }

    @Override
    public boolean matches(FieldView view) {
        return query.matches(view.document().view(name));
    }
}
