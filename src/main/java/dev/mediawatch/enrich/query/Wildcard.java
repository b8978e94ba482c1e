package dev.mediawatch.enrich.query;

import java.util.Objects;

/** A folded word pattern: {@code *} stands for any run of characters, {@code ?} for exactly one. */
public record Wildcard(String pattern) implements Query, Positional {

    public Wildcard {
        Objects.requireNonNull(pattern, "pattern");
        if (!Words.hasWildcard(pattern)) throw new IllegalArgumentException("pattern has no '*' or '?': " + pattern);
    }

    @Override
    public boolean matches(FieldView view) {
        return view.anyMatching(pattern);
    }

    @Override
    public int[] starts(FieldView view) {
        return view.positionsMatching(pattern);
    }

    @Override
    public int width() {
        return 1;
    }

    /** The literal characters before the first wildcard: every matching word starts with them. */
    public String prefix() {
        return prefixOf(pattern);
    }

    static String prefixOf(String pattern) {
        int i = 0;
        while (i < pattern.length() && !Words.isWildcard(pattern.charAt(i))) i++;
        return pattern.substring(0, i);
    }

    /** Glob match with backtracking to the last '*': linear for the patterns people write. */
    static boolean glob(String pattern, String word) {
        int p = 0, w = 0, star = -1, resume = 0;
        while (w < word.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == word.charAt(w))) {
                p++;
                w++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = w;
            } else if (star >= 0) {
                p = star + 1;
                w = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') p++;
        return p == pattern.length();
    }
}
