package dev.mediawatch.enrich.query;

import java.util.Arrays;
import java.util.List;

/** Folded words that must occur at consecutive positions. */
public record Phrase(List<String> words) implements Query, Positional {

    public Phrase {
        words = List.copyOf(words);
        if (words.isEmpty()) throw new IllegalArgumentException("words is empty");
    }

    @Override
    public boolean matches(FieldView view) {
        for (int p : view.positions(words.get(0))) {
            if (continuesAt(view, p)) return true;
        }
        return false;
    }

    @Override
    public int[] starts(FieldView view) {
        return Arrays.stream(view.positions(words.get(0))).filter(p -> continuesAt(view, p)).toArray();
    }

    @Override
    public int width() {
        return words.size();
    }

    private boolean continuesAt(FieldView view, int start) {
        for (int i = 1; i < words.size(); i++) {
            if (Arrays.binarySearch(view.positions(words.get(i)), start + i) < 0) return false;
        }
        return true;
    }
}
