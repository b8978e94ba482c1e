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

    /** Required key sets checked per candidate before evaluation; more would cost more than they save. */
    private static final int MAX_FILTERS = 2;

    private final Presearcher presearcher;
    private final Map<K, Integer> slotOf = new HashMap<>();
    private final List<Entry<K>> slots = new ArrayList<>();
    private final Deque<Integer> freeSlots = new ArrayDeque<>();
    private final Map<String, Postings> byTerm = new HashMap<>();
    private final Map<String, Postings> byPrefix = new HashMap<>();
    private final TreeMap<Integer, Integer> prefixLengths = new TreeMap<>(); // length -> how many prefixes
    /** Prefixes by their {@link String#hashCode}, rebuilt after changes: looked up by a rolling hash, no substrings. */
    private Map<Integer, List<Map.Entry<String, Postings>>> prefixesByHash = Map.of();
    private int[] lengths = new int[0];
    private boolean prefixesChanged;
    private final Postings always = new Postings();
    private int[] stamps = new int[16]; // slot -> id of the match call that last took it as a candidate
    private int[] filterAt = new int[16]; // slot -> where its filter sets start in filterPool
    private int[] filterPool = new int[64]; // per slot: number of sets, then per set its size and key hashes
    private int poolSize;
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
        storeFilters(slot, filters(query, keys));
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
        Set<String> docKeys = d.indexKeys();
        Postings candidates = candidates(docKeys);
        KeyHashes docHashes = new KeyHashes(docKeys);
        List<Entry<K>> hits = new ArrayList<>();
        int evaluated = 0;
        for (int i = 0; i < candidates.size; i++) {
            int slot = candidates.slots[i];
            if (!passes(slot, docHashes)) continue;
            Entry<K> e = slots.get(slot);
            evaluated++;
            if (e.query().matches(d)) hits.add(e);
        }
        lastCandidates = evaluated;
        hits.sort(Comparator.comparingLong(Entry::seq));
        return hits.stream().map(Entry::key).toList();
    }

    public int size() {
        return slotOf.size();
    }

    /** How many queries {@link #match} evaluated for the last document (after presearch and filters). */
    public int lastCandidateCount() {
        return lastCandidates;
    }

    /**
     * Whether the document has a key of each of the slot's filter sets, judged on hashes: equal keys have
     * equal hashes, so a miss is certain; a hash collision only lets a candidate through to evaluation.
     * The hashes sit in one flat array, so rejecting a candidate touches no query object.
     */
    private boolean passes(int slot, KeyHashes docHashes) {
        int at = filterAt[slot];
        int sets = filterPool[at++];
        for (int f = 0; f < sets; f++) {
            int n = filterPool[at++];
            boolean found = false;
            for (int j = 0; j < n; j++) found |= docHashes.contains(filterPool[at + j]);
            if (!found) return false;
            at += n;
        }
        return true;
    }

    private void storeFilters(int slot, List<Set<String>> filters) {
        if (filterAt.length <= slot) filterAt = Arrays.copyOf(filterAt, Math.max(slot + 1, filterAt.length * 2));
        int need = 1;
        for (Set<String> f : filters) need += 1 + f.size();
        if (poolSize + need > filterPool.length) {
            filterPool = Arrays.copyOf(filterPool, Math.max(poolSize + need, filterPool.length * 2));
        }
        filterAt[slot] = poolSize; // a replaced query's old entry is left unused: queries change rarely
        filterPool[poolSize++] = filters.size();
        for (Set<String> f : filters) {
            filterPool[poolSize++] = f.size();
            for (String k : f) filterPool[poolSize++] = k.hashCode();
        }
    }

    /** A document's key hashes in an open-addressing table: a probe is a multiply and an array read. */
    private static final class KeyHashes {
        private final int[] table;
        private final boolean[] used;
        private final int mask;

        KeyHashes(Set<String> keys) {
            int size = Integer.highestOneBit(Math.max(4, keys.size() * 4) - 1) << 1;
            table = new int[size];
            used = new boolean[size];
            mask = size - 1;
            for (String k : keys) {
                int h = k.hashCode();
                int i = spread(h) & mask;
                while (used[i] && table[i] != h) i = (i + 1) & mask;
                used[i] = true;
                table[i] = h;
            }
        }

        boolean contains(int h) {
            for (int i = spread(h) & mask; used[i]; i = (i + 1) & mask) {
                if (table[i] == h) return true;
            }
            return false;
        }

        private static int spread(int h) {
            return h * 0x9E3779B9 >>> 7 ^ h;
        }
    }

    /**
     * The cheapest required key sets other than the posted one. Sets with a prefix key are left out: checking
     * one would mean scanning the document's words.
     */
    private List<Set<String>> filters(Query query, Set<String> posted) {
        if (posted == null) return List.of();
        List<Set<String>> out = new ArrayList<>();
        for (Set<String> required : presearcher.requiredSets(query)) {
            if (out.size() == MAX_FILTERS) break;
            if (required.equals(posted) || required.stream().anyMatch(QueryIndex::isPrefix)) continue;
            out.add(required);
        }
        return out;
    }

    private Postings candidates(Set<String> docKeys) {
        if (stamps.length < slots.size()) stamps = Arrays.copyOf(stamps, Math.max(slots.size(), stamps.length * 2));
        if (++stamp == 0) { // wrapped: old stamps could look current
            Arrays.fill(stamps, 0);
            stamp = 1;
        }
        if (prefixesChanged) rebuildPrefixes();
        Postings out = new Postings();
        collect(always, out);
        for (String key : docKeys) {
            Postings hit = byTerm.get(key);
            if (hit != null) collect(hit, out);
            if (lengths.length > 0) collectPrefixHits(key, out);
        }
        return out;
    }

    /**
     * Looks up the key's prefixes of each length some stored wildcard has, rather than scanning wildcards;
     * the prefix's hash is carried forward char by char, so no substring is made for a miss.
     */
    private void collectPrefixHits(String key, Postings out) {
        int h = 0;
        int at = 0;
        for (int len : lengths) {
            if (len > key.length()) break;
            while (at < len) h = 31 * h + key.charAt(at++);
            List<Map.Entry<String, Postings>> same = prefixesByHash.get(h);
            if (same == null) continue;
            for (Map.Entry<String, Postings> p : same) {
                if (p.getKey().length() == len && key.startsWith(p.getKey())) collect(p.getValue(), out);
            }
        }
    }

    private void rebuildPrefixes() {
        Map<Integer, List<Map.Entry<String, Postings>>> next = new HashMap<>();
        for (Map.Entry<String, Postings> e : byPrefix.entrySet()) {
            next.computeIfAbsent(e.getKey().hashCode(), h -> new ArrayList<>()).add(Map.entry(e.getKey(), e.getValue()));
        }
        prefixesByHash = next;
        lengths = prefixLengths.keySet().stream().mapToInt(Integer::intValue).toArray();
        prefixesChanged = false;
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
        if (prefix) {
            prefixLengths.merge(bare(key).length(), 1, Integer::sum);
            prefixesChanged = true;
        }
    }

    private void unpost(String key, int slot) {
        boolean prefix = isPrefix(key);
        Map<String, Postings> postings = prefix ? byPrefix : byTerm;
        Postings p = postings.get(bare(key));
        p.remove(slot);
        if (p.size == 0) postings.remove(bare(key));
        if (prefix) {
            prefixLengths.computeIfPresent(bare(key).length(), (len, n) -> n == 1 ? null : n - 1);
            prefixesChanged = true;
        }
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
    }
}
