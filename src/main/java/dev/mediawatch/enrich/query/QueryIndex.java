package dev.mediawatch.enrich.query;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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
 * <p>Queries live in int slots and postings are int arrays: with thousands of candidates, boxed keys in
 * hash sets cost more than evaluating the queries themselves.
 *
 * @param <K> the subscription key
 */
public final class QueryIndex<K> {

    private record Entry<K>(K key, Query query, Set<String> keys, long seq) {}

    private final Presearcher presearcher;
    private final Map<K, Integer> slotOf = new HashMap<>();
    private final List<Entry<K>> slots = new ArrayList<>();
    private final Deque<Integer> freeSlots = new ArrayDeque<>();
    private final Map<String, Postings> byTerm = new HashMap<>();
    private final Map<String, Postings> byPrefix = new HashMap<>();
    private final TreeMap<Integer, Integer> prefixLengths = new TreeMap<>(); // length -> how many prefixes
    private final Postings always = new Postings();
    private int[] stamps = new int[16]; // slot -> id of the match call that last took it as a candidate
    private int stamp;
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
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(query, "query");
        remove(key);
        Set<String> keys = presearcher.requiredAny(query);
        int slot = freeSlots.isEmpty() ? slots.size() : freeSlots.pop();
        Entry<K> e = new Entry<>(key, query, keys, seq++);
        if (slot == slots.size()) slots.add(e);
        else slots.set(slot, e);
        slotOf.put(key, slot);
        if (keys == null) always.add(slot);
        else for (String k : keys) post(k, slot);
        return this;
    }

    public QueryIndex<K> remove(K key) {
        Integer slot = slotOf.remove(key);
        if (slot == null) return this;
        Entry<K> e = slots.set(slot, null);
        freeSlots.push(slot);
        if (e.keys() == null) always.remove(slot);
        else for (String k : e.keys()) unpost(k, slot);
        return this;
    }

    /** Keys of the stored queries that match {@code d}. */
    public List<K> match(Document d) {
        return match(DocumentTokens.of(d));
    }

    public List<K> match(DocumentTokens d) {
        Postings candidates = candidates(d);
        lastCandidates = candidates.size;
        int[] order = candidates.sorted(); // slot order walks memory forwards
        List<Entry<K>> hits = new ArrayList<>();
        for (int slot : order) {
            Entry<K> e = slots.get(slot);
            if (e.query().matches(d)) hits.add(e);
        }
        hits.sort(Comparator.comparingLong(Entry::seq));
        return hits.stream().map(Entry::key).toList();
    }

    public int size() {
        return slotOf.size();
    }

    /** How many queries {@link #match} evaluated for the last document: the presearch's effect. */
    public int lastCandidateCount() {
        return lastCandidates;
    }

    private Postings candidates(DocumentTokens d) {
        if (stamps.length < slots.size()) stamps = Arrays.copyOf(stamps, Math.max(slots.size(), stamps.length * 2));
        if (++stamp == 0) { // wrapped: old stamps could look current
            Arrays.fill(stamps, 0);
            stamp = 1;
        }
        Postings out = new Postings();
        collect(always, out);
        for (String key : d.indexKeys()) {
            Postings hit = byTerm.get(key);
            if (hit != null) collect(hit, out);
            if (!prefixLengths.isEmpty()) collectPrefixHits(key, out);
        }
        return out;
    }

    /** Looks up the key's prefixes of each length some stored wildcard has, rather than scanning wildcards. */
    private void collectPrefixHits(String key, Postings out) {
        for (int len : prefixLengths.headMap(key.length(), true).keySet()) {
            Postings hit = byPrefix.get(key.substring(0, len));
            if (hit != null) collect(hit, out);
        }
    }

    private void collect(Postings from, Postings out) {
        for (int i = 0; i < from.size; i++) {
            int slot = from.slots[i];
            if (stamps[slot] != stamp) {
                stamps[slot] = stamp;
                out.add(slot);
            }
        }
    }

    private void post(String key, int slot) {
        boolean prefix = isPrefix(key);
        (prefix ? byPrefix : byTerm).computeIfAbsent(bare(key), x -> new Postings()).add(slot);
        if (prefix) prefixLengths.merge(bare(key).length(), 1, Integer::sum);
    }

    private void unpost(String key, int slot) {
        boolean prefix = isPrefix(key);
        Map<String, Postings> postings = prefix ? byPrefix : byTerm;
        Postings p = postings.get(bare(key));
        p.remove(slot);
        if (p.size == 0) postings.remove(bare(key));
        if (prefix) prefixLengths.computeIfPresent(bare(key).length(), (len, n) -> n == 1 ? null : n - 1);
    }

    private static boolean isPrefix(String key) {
        return key.startsWith(Presearcher.PREFIX);
    }

    private static String bare(String key) {
        return isPrefix(key) ? key.substring(Presearcher.PREFIX.length()) : key;
    }

    /** An unordered list of slots; removal swaps in the last one, as order is restored at match time. */
    private static final class Postings {
        private int[] slots = new int[4];
        private int size;

        void add(int slot) {
            if (size == slots.length) slots = Arrays.copyOf(slots, size * 2);
            slots[size++] = slot;
        }

        void remove(int slot) {
            for (int i = 0; i < size; i++) {
                if (slots[i] == slot) {
                    slots[i] = slots[--size];
                    return;
                }
            }
        }

        int[] sorted() {
            int[] out = Arrays.copyOf(slots, size);
            Arrays.sort(out);
            return out;
        }
    }
}
