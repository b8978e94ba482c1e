package dev.mediawatch.enrich.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Matches a document against many stored queries, Luwak-style: each query is indexed under the keys
 * of which a matching document must contain one ({@link Presearcher}); a document's words pick the
 * few candidate queries, and only those are evaluated. Queries with no such keys (only NOT, leading
 * wildcard) are always candidates.
 *
 * <p>Mutable and not thread-safe: one instance per stream task, updated as subscriptions change.
 * {@link #match} returns keys in the order they were added.
 *
 * @param <K> the subscription key
 */
public final class QueryIndex<K> {

    private record Entry<K>(K key, Query query, Set<String> keys, long seq) {}

    private final Presearcher presearcher;
    private final Map<K, Entry<K>> entries = new HashMap<>();
    private final Map<String, Set<K>> byTerm = new HashMap<>();
    private final Map<String, Set<K>> byPrefix = new HashMap<>();
    private final TreeMap<Integer, Integer> prefixLengths = new TreeMap<>(); // length -> how many prefixes
    private final Set<K> always = new LinkedHashSet<>();
    private long seq;
    private int lastCandidates;

    public QueryIndex() {
        this(Presearcher::defaultCost);
    }

    /**
     * @param keyCost estimated share of documents containing an index key ({@code court},
     *                {@code entity:cecot}, {@code *deport} for a prefix); it decides which clause of an
     *                AND a query is indexed under. Only speed depends on it, never results.
     */
    public QueryIndex(ToDoubleFunction<String> keyCost) {
        this.presearcher = new Presearcher(keyCost);
    }

    /** Adds a query, replacing any stored under the same key. */
    public QueryIndex<K> add(K key, Query query) {
        remove(key);
        Set<String> keys = presearcher.requiredAny(query);
        entries.put(key, new Entry<>(key, query, keys, seq++));
        if (keys == null) {
            always.add(key);
            return this;
        }
        for (String k : keys) {
            postings(k).computeIfAbsent(bare(k), x -> new LinkedHashSet<>()).add(key);
            if (isPrefix(k)) prefixLengths.merge(bare(k).length(), 1, Integer::sum);
        }
        return this;
    }

    public QueryIndex<K> remove(K key) {
        Entry<K> e = entries.remove(key);
        if (e == null) return this;
        if (e.keys() == null) {
            always.remove(key);
            return this;
        }
        for (String k : e.keys()) {
            Map<String, Set<K>> postings = postings(k);
            Set<K> set = postings.get(bare(k));
            set.remove(key);
            if (set.isEmpty()) postings.remove(bare(k));
            if (isPrefix(k)) prefixLengths.computeIfPresent(bare(k).length(), (len, n) -> n == 1 ? null : n - 1);
        }
        return this;
    }

    /** Keys of the stored queries that match {@code d}. */
    public List<K> match(Document d) {
        return match(DocumentTokens.of(d));
    }

    public List<K> match(DocumentTokens d) {
        Set<K> candidates = candidates(d);
        lastCandidates = candidates.size();
        List<Entry<K>> hits = new ArrayList<>();
        for (K key : candidates) {
            Entry<K> e = entries.get(key);
            if (e.query().matches(d)) hits.add(e);
        }
        hits.sort(Comparator.comparingLong(Entry::seq));
        return hits.stream().map(Entry::key).toList();
    }

    public int size() {
        return entries.size();
    }

    /** How many queries {@link #match} evaluated for the last document: the presearch's effect. */
    public int lastCandidateCount() {
        return lastCandidates;
    }

    private Set<K> candidates(DocumentTokens d) {
        Set<K> out = new LinkedHashSet<>(always);
        for (String key : d.indexKeys()) {
            Set<K> hit = byTerm.get(key);
            if (hit != null) out.addAll(hit);
            if (!prefixLengths.isEmpty()) addPrefixHits(key, out);
        }
        return out;
    }

    /** Looks up the key's prefixes of each length some stored wildcard has, rather than scanning wildcards. */
    private void addPrefixHits(String key, Set<K> out) {
        for (int len : prefixLengths.headMap(key.length(), true).keySet()) {
            Set<K> hit = byPrefix.get(key.substring(0, len));
            if (hit != null) out.addAll(hit);
        }
    }

    private boolean isPrefix(String key) {
        return key.startsWith(Presearcher.PREFIX);
    }

    private Map<String, Set<K>> postings(String key) {
        return isPrefix(key) ? byPrefix : byTerm;
    }

    private String bare(String key) {
        return isPrefix(key) ? key.substring(Presearcher.PREFIX.length()) : key;
    }
}
