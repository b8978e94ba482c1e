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
        int[] ids = ids(view);
        if (ids == null) return false;
        int[] pos = view.allPositions();
        for (int p = view.from(ids[0]); p < view.to(ids[0]); p++) {
            if (continuesAt(view, ids, pos, pos[p])) return true;
        }
        return false;
    }

    @Override
    public int[] starts(FieldView view) {
        int[] ids = ids(view);
        if (ids == null) return FieldView.NONE;
        int[] pos = view.allPositions();
        FieldView.IntList out = new FieldView.IntList();
        for (int p = view.from(ids[0]); p < view.to(ids[0]); p++) {
            if (continuesAt(view, ids, pos, pos[p])) out.add(pos[p]);
        }
        return out.toArray();
    }

    @Override
    public int width() {
        return words.size();
    }

    /** Each word's id in the view, looked up once; {@code null} if one is missing (no occurrence possible). */
    private int[] ids(FieldView view) {
        int[] ids = new int[words.size()];
        for (int i = 0; i < ids.length; i++) {
            if ((ids[i] = view.id(words.get(i))) < 0) return null;
        }
        return ids;
    }

    private static boolean continuesAt(FieldView view, int[] ids, int[] pos, int start) {
        for (int i = 1; i < ids.length; i++) {
            if (Arrays.binarySearch(pos, view.from(ids[i]), view.to(ids[i]), start + i) < 0) return false;
        }
        return true;
    }
}
