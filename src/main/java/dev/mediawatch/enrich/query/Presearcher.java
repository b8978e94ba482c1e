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
 * <p>Correctness needs only that the set is never too small; selectivity comes from splitting a top-level
 * OR into branches ({@link #branches}), posting each branch under the required set expected to admit the
 * fewest documents once its first filter is applied, and checking up to {@value #MAX_FILTERS} more
 * required sets by hash before a query is evaluated.
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
        if (key.startsWith("title:")) return defaultCost(key.substring("title:".length())) / 20; // a headline holds a few percent of an article's words
        if (key.startsWith("category:")) return 3.0;
        if (key.startsWith("entity:")) return 1.5;
        if (key.startsWith("outlet:")) return 2.0;
        return 8.0 / (key.length() + 2);
    }

    /**
     * One way a query can match: a document must contain a key of {@code posted} (the index posts the
     * branch under each of them) and a key of each of {@code filters} (checked by hash before the query
     * is evaluated).
     */
    record Branch(Set<String> posted, List<Set<String>> filters) {}

    /** Required key sets checked per candidate before evaluation; more would cost more than they save. */
    static final int MAX_FILTERS = 2;

    /**
     * The branches of a query, any of which a matching document satisfies: one per clause of a top-level
     * OR (so {@code (a b) OR "c d"} admits a document only with both a and b, or both c and d), else one.
     * {@code null} when some branch requires no key at all: the query is always a candidate.
     */
    List<Branch> branches(Query q) {
        List<Branch> out = new ArrayList<>();
        return addBranches(q, Field.Name.TEXT, out) ? out : null;
    }

    private boolean addBranches(Query q, Field.Name field, List<Branch> out) {
        if (q instanceof Field f) return addBranches(f.query(), f.name(), out);
        if (q instanceof Or o) {
            for (Query c : o.clauses()) {
                if (!addBranches(c, field, out)) return false;
            }
            return true;
        }
        Set<String> posted = keys(q, field);
        if (posted == null) return false;
        List<Set<String>> required = new ArrayList<>();
        collectRequired(q, field, required);
        required.sort(Comparator.comparingDouble(this::cost));
        // Any required set can be posted; the best admits the fewest documents after its first filter:
        // "category:x AND deport*" is better posted under the prefix and filtered on the category (a prefix
        // cannot be a filter) than posted under the category with nothing to filter on.
        List<Set<String>> filters = filters(required, posted);
        double best = admitted(posted, filters);
        for (Set<String> r : required) {
            List<Set<String>> f = filters(required, r);
            double score = admitted(r, f);
            if (score < best || score == best && cost(r) < cost(posted)) {
                posted = r;
                filters = f;
                best = score;
            }
        }
        out.add(new Branch(posted, filters));
        return true;
    }

    /** The share of documents expected past the posting and the first filter (costs above 1 count as 1). */
    private double admitted(Set<String> posted, List<Set<String>> filters) {
        double share = Math.min(1, cost(posted));
        return filters.isEmpty() ? share : share * Math.min(1, cost(filters.get(0)));
    }

    /**
     * The cheapest required key sets other than the posted one, from {@code required} sorted by cost: each
     * word of a phrase, each side of a NEAR, each clause of an AND. Sets with a prefix key are left out:
     * checking one would mean scanning the document's words.
     */
    private static List<Set<String>> filters(List<Set<String>> required, Set<String> posted) {
        List<Set<String>> out = new ArrayList<>();
        for (Set<String> r : required) {
            if (out.size() == MAX_FILTERS) break;
            if (r.equals(posted) || r.stream().anyMatch(k -> k.startsWith(PREFIX))) continue;
            out.add(r);
        }
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
