package dev.mediawatch.enrich.query;

import java.util.Objects;

/**
 * Two terms, phrases or wildcards within {@code distance} words of each other, in either order:
 * distance is counted from the last word of the first occurrence to the first word of the second, so
 * {@code NEAR/1} means adjacent. The two occurrences may not overlap.
 */
public record Near(Query left, Query right, int distance) implements Query {

    public Near {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
        if (!(left instanceof Positional) || !(right instanceof Positional)) {
            throw new IllegalArgumentException("NEAR operands must be terms, phrases or wildcards");
        }
        if (distance < 1) throw new IllegalArgumentException("distance must be at least 1: " + distance);
    }

    @Override
    public boolean matches(FieldView view) {
        Positional l = (Positional) left, r = (Positional) right;
        int[] rs = r.starts(view);
        if (rs.length == 0) return false;
        for (int a : l.starts(view)) {
            if (anyWithin(a, l.width(), rs, r.width())) return true;
        }
        return false;
    }

    private boolean anyWithin(int a, int aWidth, int[] bs, int bWidth) {
        int aEnd = a + aWidth - 1;
        for (int b : bs) {
            if (b > aEnd + distance) return false; // ascending: the rest are further away
            int bEnd = b + bWidth - 1;
            boolean after = b > aEnd && b - aEnd <= distance;
            boolean before = bEnd < a && a - bEnd <= distance;
            if (after || before) return true;
        }
        return false;
    }
}
