package dev.mediawatch.enrich.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import java.util.HashSet;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * Finds, for a query, a set of index keys of which a matching document must contain at least one.
 * A key is a word ({@code court}), a field-tagged value ({@code entity:cecot}) or, starting with
 * {@link #PREFIX}, a word prefix from a wildcard ({@code *deport}). {@code null} means no such set
 * exists (a query that is only NOT, or a wildcard with no leading letters): always a candidate.
 *
 * <p>Correctness needs only that the set is never too small; selectivity comes from picking, for an
 * AND, the one clause whose keys look rarest.
 */
final class Presearcher {

    /** Marks a prefix key; words and keywords never contain '*'. */
    static final String PREFIX = "*";

    private final ToDoubleFunction<String> keyCost;

    /** @param keyCost estimated share of documents containing a key; lower is more selective */
    Presearcher(ToDoubleFunction<String> keyCost) {
        this.keyCost = keyCost;
    }

    /**
     * Default guess without corpus statistics: long words are rarer than short ones; entities and
     * categories are what a desk follows, so they are in many of its documents; prefixes cover many words.
     */
    static double defaultCost(String key) {
        if (key.startsWith(PREFIX)) return 2 * defaultCost(key.substring(1));
        if (key.startsWith("category:")) return 3.0;
        if (key.startsWith("entity:")) return 1.5;
        if (key.startsWith("outlet:")) return 2.0;
        return 8.0 / (key.length() + 2);
    }

    Set<String> requiredAny(Query q) {
        return keys(q, Field.Name.TEXT);
    }

    /**
     * Every key set of which a matching document must contain one key, one per required clause (each
     * word of a phrase, each side of a NEAR, each clause of an AND), cheapest first. The index posts a
     * query under {@link #requiredAny} and checks a candidate against the next of these before
     * evaluating it: two required rare words admit far fewer documents than one.
     */
    List<Set<String>> requiredSets(Query q) {
        List<Set<String>> out = new ArrayList<>();
        collectRequired(q, Field.Name.TEXT, out);
        out.sort(Comparator.comparingDouble(this::cost));
        return out;
    }

    private void collectRequired(Query q, Field.Name field, List<Set<String>> out) {
        if (q instanceof Phrase p) {
            for (String w : p.words()) out.add(Set.of(field.indexKey(w)));
        } else if (q instanceof Field f) {
            collectRequired(f.query(), f.name(), out);
        } else if (q instanceof Near n) {
            collectRequired(n.left(), field, out);
            collectRequired(n.right(), field, out);
        } else if (q instanceof And a) {
            for (Query c : a.clauses()) collectRequired(c, field, out);
        } else {
            Set<String> k = keys(q, field); // a term, a wildcard, an OR (any of its clauses), a NOT (none)
            if (k != null) out.add(k);
        }
    }

    private Set<String> keys(Query q, Field.Name field) {
        if (q instanceof Term t) return Set.of(field.indexKey(t.word()));
        if (q instanceof Phrase p) return Set.of(field.indexKey(rarest(p, field)));
        if (q instanceof Wildcard w) return w.prefix().isEmpty() ? null : Set.of(PREFIX + field.indexKey(w.prefix()));
        if (q instanceof Field f) return keys(f.query(), f.name());
        if (q instanceof Near n) return cheapest(keys(n.left(), field), keys(n.right(), field));
        if (q instanceof And a) return and(a, field);
        if (q instanceof Or o) return or(o, field);
        return null; // Not: a document without the clause's words matches, so no word is required
    }

    private String rarest(Phrase p, Field.Name field) {
        String best = p.words().get(0);
        for (String w : p.words()) {
            if (keyCost.applyAsDouble(field.indexKey(w)) < keyCost.applyAsDouble(field.indexKey(best))) best = w;
        }
        return best;
    }

    private Set<String> and(And a, Field.Name field) {
        Set<String> best = null;
        for (Query c : a.clauses()) best = cheapest(best, keys(c, field));
        return best;
    }

    private Set<String> or(Or o, Field.Name field) {
        Set<String> all = new HashSet<>();
        for (Query c : o.clauses()) {
            Set<String> k = keys(c, field);
            if (k == null) return null; // one clause can match anything, so the OR can
            all.addAll(k);
        }
        return all;
    }

    /** Either set is required, so the one expected to admit fewer documents is kept. */
    private Set<String> cheapest(Set<String> a, Set<String> b) {
        if (a == null) return b;
        if (b == null) return a;
        return cost(b) < cost(a) ? b : a;
    }

    private double cost(Set<String> keys) {
        double sum = 0;
        for (String k : keys) sum += keyCost.applyAsDouble(k);
        return sum;
    }
}
