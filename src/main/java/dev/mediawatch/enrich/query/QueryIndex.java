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
 * <p>A query is indexed per branch ({@link Presearcher#branches}): each clause of a top-level OR is posted
 * under its own rarest key and carries its own filter, so {@code (a b) OR "c d"} is evaluated only for
 * a document with a and b, or with c and d, not for every document with a or c.
 *
 * <p>Everything on the matching path is int arrays: queries and branches live in int slots, postings
 * are keyed by the {@link String#hashCode} of their key, and the document's keys come hashed from its
 * tokenising. A hash collision can only add a candidate, which evaluation then rejects: results are
 * exact.
 *
 * @param <K> the subscription key
 */
public final class QueryIndex<K> {

    private record Entry<K>(K key, Query query, List<Presearcher.Branch> branches, int[] branchIds, long seq) {}

    private final Presearcher presearcher;
    private final Map<K, Integer> slotOf = new HashMap<>();
    private final List<Entry<K>> slots = new ArrayList<>();
    private final Deque<Integer> freeSlots = new ArrayDeque<>();
    private final Deque<Integer> freeBranches = new ArrayDeque<>();
    private int branchCount;
    private int[] branchSlot = new int[16];    // branch -> its query's slot
    private int[] filterAt = new int[16];      // branch -> where its filter sets start in filterPool
    private int[] filterPool = new int[64];    // per branch: number of sets, then per set its size and key hashes
    private int poolSize;
    private final IntMap byTerm = new IntMap();   // key hash -> branches
    private final IntMap byPrefix = new IntMap(); // prefix hash -> branches
    private final TreeMap<Integer, Integer> prefixLengths = new TreeMap<>(); // length -> how many prefix postings
    private int[] lengths = new int[0];
    private final Postings always = new Postings(); // slots of queries that need no key
    private int[] stamps = new int[16];        // slot -> id of the match call that took it as a candidate
    private int[] branchStamps = new int[16];  // branch -> id of the match call that checked it
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
        List<Presearcher.Branch> branches = presearcher.branches(query);
        int slot = freeSlots.isEmpty() ? slots.size() : freeSlots.pop();
        int[] ids = new int[branches == null ? 0 : branches.size()];
        Entry<K> e = new Entry<>(key, query, branches, ids, seq++);
        if (slot == slots.size()) slots.add(e);
        else slots.set(slot, e);
        slotOf.put(key, slot);
        if (branches == null) {
            always.add(slot);
            return this;
        }
        for (int i = 0; i < ids.length; i++) {
            Presearcher.Branch b = branches.get(i);
            int id = ids[i] = newBranch(slot);
            storeFilters(id, b.filters());
            for (String k : b.posted()) post(k, id);
        }
        return this;
    }

    public QueryIndex<K> remove(K key) {
        Integer slot = slotOf.remove(key);
        if (slot == null) return this;
        Entry<K> e = slots.set(slot, null);
        freeSlots.push(slot);
        if (e.branches() == null) {
            always.remove(slot);
            return this;
        }
        for (int i = 0; i < e.branchIds().length; i++) {
            for (String k : e.branches().get(i).posted()) unpost(k, e.branchIds()[i]);
            freeBranches.push(e.branchIds()[i]);
        }
        return this;
    }

    /** Keys of the stored queries that match {@code d}. */
    public List<K> match(Document d) {
        return match(DocumentTokens.of(d));
    }

    public List<K> match(DocumentTokens d) {
        DocumentTokens.IndexKeys keys = d.indexKeys();
        Postings candidates = candidates(keys, new KeyHashes(keys.hashes()));
        List<Entry<K>> hits = new ArrayList<>();
        for (int i = 0; i < candidates.size; i++) {
            Entry<K> e = slots.get(candidates.slots[i]);
            if (e.query().matches(d)) hits.add(e);
        }
        lastCandidates = candidates.size;
        if (hits.size() > 1) hits.sort(Comparator.comparingLong(Entry::seq));
        List<K> out = new ArrayList<>(hits.size());
        for (Entry<K> e : hits) out.add(e.key());
        return out;
    }

    public int size() {
        return slotOf.size();
    }

    /** How many queries {@link #match} evaluated for the last document (after presearch and filters). */
    public int lastCandidateCount() {
        return lastCandidates;
    }

    private Postings candidates(DocumentTokens.IndexKeys keys, KeyHashes docHashes) {
        if (stamps.length < slots.size()) stamps = Arrays.copyOf(stamps, Math.max(slots.size(), stamps.length * 2));
        if (++stamp == 0) { // wrapped: old stamps could look current
            Arrays.fill(stamps, 0);
            Arrays.fill(branchStamps, 0);
            stamp = 1;
        }
        Postings out = new Postings();
        for (int i = 0; i < always.size; i++) {
            int slot = always.slots[i];
            stamps[slot] = stamp;
            out.add(slot);
        }
        String[] words = keys.keys();
        int[] hashes = keys.hashes();
        for (int k = 0; k < hashes.length; k++) {
            Postings hit = byTerm.get(hashes[k]);
            if (hit != null) visit(hit, docHashes, out);
            if (lengths.length > 0) visitPrefixes(words[k], docHashes, out);
        }
        return out;
    }

    /**
     * Looks up the key's prefixes of each length some stored wildcard has, rather than scanning wildcards;
     * the prefix's hash is carried forward char by char, so no substring is made.
     */
    private void visitPrefixes(String key, KeyHashes docHashes, Postings out) {
        int h = 0;
        int at = 0;
        for (int len : lengths) {
            if (len > key.length()) break;
            while (at < len) h = 31 * h + key.charAt(at++);
            Postings hit = byPrefix.get(h);
            if (hit != null) visit(hit, docHashes, out);
        }
    }

    /** Takes each posted branch's query as a candidate if the branch's filters pass; each branch is checked once. */
    private void visit(Postings branches, KeyHashes docHashes, Postings out) {
        for (int i = 0; i < branches.size; i++) {
            int b = branches.slots[i];
            int slot = branchSlot[b];
            if (stamps[slot] == stamp || branchStamps[b] == stamp) continue;
            branchStamps[b] = stamp;
            if (passes(b, docHashes)) {
                stamps[slot] = stamp;
                out.add(slot);
            }
        }
    }

    /**
     * Whether the document has a key of each of the branch's filter sets, judged on hashes: equal keys have
     * equal hashes, so a miss is certain; a hash collision only lets a candidate through to evaluation.
     * The hashes sit in one flat array, so rejecting a candidate touches no query object.
     */
    private boolean passes(int branch, KeyHashes docHashes) {
        int at = filterAt[branch];
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

    private int newBranch(int slot) {
        int id = freeBranches.isEmpty() ? branchCount++ : freeBranches.pop();
        if (id >= branchSlot.length) {
            int size = Math.max(id + 1, branchSlot.length * 2);
            branchSlot = Arrays.copyOf(branchSlot, size);
            filterAt = Arrays.copyOf(filterAt, size);
            branchStamps = Arrays.copyOf(branchStamps, size);
        }
        branchSlot[id] = slot;
        branchStamps[id] = 0;
        return id;
    }

    private void storeFilters(int branch, List<Set<String>> filters) {
        int need = 1;
        for (Set<String> f : filters) need += 1 + f.size();
        if (poolSize + need > filterPool.length) {
            filterPool = Arrays.copyOf(filterPool, Math.max(poolSize + need, filterPool.length * 2));
        }
        filterAt[branch] = poolSize; // a replaced query's old entry is left unused: queries change rarely
        filterPool[poolSize++] = filters.size();
        for (Set<String> f : filters) {
            filterPool[poolSize++] = f.size();
            for (String k : f) filterPool[poolSize++] = k.hashCode();
        }
    }

    private void post(String key, int branch) {
        if (isPrefix(key)) {
            String bare = bare(key);
            byPrefix.computeIfAbsent(bare.hashCode()).add(branch);
            prefixLengths.merge(bare.length(), 1, Integer::sum);
            lengths = prefixLengths.keySet().stream().mapToInt(Integer::intValue).toArray();
        } else {
            byTerm.computeIfAbsent(key.hashCode()).add(branch);
        }
    }

    private void unpost(String key, int branch) {
        if (isPrefix(key)) {
            String bare = bare(key);
            byPrefix.removeFrom(bare.hashCode(), branch);
            prefixLengths.computeIfPresent(bare.length(), (len, n) -> n == 1 ? null : n - 1);
            lengths = prefixLengths.keySet().stream().mapToInt(Integer::intValue).toArray();
        } else {
            byTerm.removeFrom(key.hashCode(), branch);
        }
    }

    private static boolean isPrefix(String key) {
        return key.startsWith(Presearcher.PREFIX);
    }

    private static String bare(String key) {
        return isPrefix(key) ? key.substring(Presearcher.PREFIX.length()) : key;
    }

    /** A document's key hashes in an open-addressing table: a probe is a multiply and an array read. */
    private static final class KeyHashes {
        private final int[] table;
        private final boolean[] used;
        private final int mask;

        KeyHashes(int[] hashes) {
            int size = Integer.highestOneBit(Math.max(4, hashes.length * 4) - 1) << 1;
            table = new int[size];
            used = new boolean[size];
            mask = size - 1;
            for (int h : hashes) {
                int i = FieldView.spread(h) & mask;
                while (used[i] && table[i] != h) i = (i + 1) & mask;
                used[i] = true;
                table[i] = h;
            }
        }

        boolean contains(int h) {
            for (int i = FieldView.spread(h) & mask; used[i]; i = (i + 1) & mask) {
                if (table[i] == h) return true;
            }
            return false;
        }
    }

    /** Postings by key hash, open addressing; keys that share a hash share a list (a superset, never a miss). */
    private static final class IntMap {
        private int[] keys = new int[64];
        private Postings[] values = new Postings[64];
        private int size;

        Postings get(int h) {
            int mask = keys.length - 1;
            for (int i = FieldView.spread(h) & mask; values[i] != null; i = (i + 1) & mask) {
                if (keys[i] == h) return values[i];
            }
            return null;
        }

        Postings computeIfAbsent(int h) {
            Postings p = get(h);
            if (p != null) return p;
            if ((size + 1) * 2 > keys.length) grow();
            p = new Postings();
            insert(h, p);
            size++;
            return p;
        }

        /** Removes a branch from the hash's list; an emptied list stays, as tables of queries change rarely. */
        void removeFrom(int h, int branch) {
            Postings p = get(h);
            if (p != null) p.remove(branch);
        }

        private void insert(int h, Postings p) {
            int mask = keys.length - 1;
            int i = FieldView.spread(h) & mask;
            while (values[i] != null) i = (i + 1) & mask;
            keys[i] = h;
            values[i] = p;
        }

        private void grow() {
            int[] oldKeys = keys;
            Postings[] oldValues = values;
            keys = new int[oldKeys.length * 2];
            values = new Postings[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) if (oldValues[i] != null) insert(oldKeys[i], oldValues[i]);
        }
    }

    /** An unordered list of ints (slots or branches); removal swaps in the last one. */
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
