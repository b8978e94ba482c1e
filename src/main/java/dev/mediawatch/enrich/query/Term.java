package dev.mediawatch.enrich.query;

import java.util.Objects;

/** One folded word, matched whole. */
public record Term(String word) implements Query, Positional {

    public Term {
        Objects.requireNonNull(word, "word");
        if (word.isEmpty()) throw new IllegalArgumentException("word is empty");
    }

    @Override
    public boolean matches(FieldView view) {
        return view.contains(word);
    }

    @Override
    public int[] starts(FieldView view) {
        return view.positions(word);
    }

    @Override
    public int width() {
        return 1;
    }
}
