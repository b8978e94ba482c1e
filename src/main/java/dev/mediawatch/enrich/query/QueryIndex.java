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
    /**
     * {@link #byTerm} flattened for matching, rebuilt on the first match after a change: an open-addressing
     * table of (hash, start, end) triples over one pool of (branch, hint) pairs, so looking up a document
     * word costs one table read and one pool read rather than a walk through three objects.
     */
    private int[] termTable = new int[3];
    private int[] termPool = new int[0];
    private int termMask;
    private boolean termsChanged = true;
    private final IntMap byPrefix = new IntMap(); // prefix hash -> branches
    private final TreeMap<Integer, Integer> prefixLengths = new TreeMap<>(); // length -> how many prefix postings
    private int[] lengths = new int[0];
    private final long[] prefixBits = new long[1 << 10]; // stored prefix hashes as a bit set: most probes end here
    /**
     * Hashes of every leading part of every stored prefix ({@code dep}, {@code depo} ... of {@code deport}),
     * as a bit set: a document word whose first n chars are in no stored prefix cannot have a longer one
     * either, so its probes stop there (most words stop at the first length probed).
     */
    private final long[] stemBits = new long[1 << 11];
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
            boolean hinted = !b.filters().isEmpty() && b.filters().get(0).size() == 1;
            int hint = hinted ? b.filters().get(0).iterator().next().hashCode() : 0;
            for (String k : b.posted()) post(k, id, hinted, hint);
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
        if (termsChanged) flattenTerms();
        Postings out = new Postings();
        for (int i = 0; i < always.size; i++) {
            int slot = always.slots[i];
            stamps[slot] = stamp;
            out.add(slot);
        }
        int[] hashes = keys.hashes();
        char[] chars = keys.chars();
        int[] starts = keys.starts();
        for (int k = 0; k < hashes.length; k++) {
            int h = hashes[k];
            for (int i = FieldView.spread(h) & termMask; ; i = (i + 1) & termMask) {
                int end = termTable[3 * i + 2];
                if (end == 0) break;
                if (termTable[3 * i] == h) {
                    visit(termPool, termTable[3 * i + 1], end, docHashes, out);
                    break;
                }
            }
            if (lengths.length > 0) visitPrefixes(chars, starts[k], starts[k + 1], docHashes, out);
        }
        return out;
    }

    /**
     * Looks up the key's prefixes of each length some stored wildcard has, rather than scanning wildcards;
     * the prefix's hash is carried forward char by char, so no substring is made.
     */
    private void visitPrefixes(char[] chars, int from, int to, KeyHashes docHashes, Postings out) {
        int h = 0;
        int at = from;
        for (int len : lengths) {
            if (from + len > to) break;
            while (at < from + len) h = 31 * h + chars[at++];
            int spread = FieldView.spread(h);
            int bit = spread & 0xFFFF;
            if ((prefixBits[bit >>> 6] & 1L << bit) != 0) {
                Branches hit = byPrefix.get(h);
                if (hit != null) visit(hit.entries, 0, hit.size, docHashes, out);
            }
            int stem = spread & 0x1FFFF;
            if ((stemBits[stem >>> 6] & 1L << stem) == 0) break; // no stored prefix goes on from here
        }
    }

    /** Takes each posted branch's query as a candidate if the branch's filters pass; each branch is checked once. */
    private void visit(int[] entries, int from, int to, KeyHashes docHashes, Postings out) {
        for (int i = from; i < to; i += 2) {
            int b = entries[i];
            if (b < 0) { // hinted: the first filter's key, checked before anything else is read
                if (!docHashes.contains(entries[i + 1])) continue;
                b &= ~Branches.HINTED;
            }
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

    private void post(String key, int branch, boolean hinted, int hint) {
        if (isPrefix(key)) {
            String bare = bare(key);
            byPrefix.computeIfAbsent(bare.hashCode()).add(branch, hinted, hint);
            int bit = FieldView.spread(bare.hashCode()) & 0xFFFF;
            prefixBits[bit >>> 6] |= 1L << bit; // never cleared: a stale bit only costs a probe
            int h = 0;
            for (int i = 0; i < bare.length(); i++) {
                h = 31 * h + bare.charAt(i);
                int stem = FieldView.spread(h) & 0x1FFFF;
                stemBits[stem >>> 6] |= 1L << stem; // never cleared either
            }
            prefixLengths.merge(bare.length(), 1, Integer::sum);
            lengths = prefixLengths.keySet().stream().mapToInt(Integer::intValue).toArray();
        } else {
            byTerm.computeIfAbsent(key.hashCode()).add(branch, hinted, hint);
            termsChanged = true;
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
            termsChanged = true;
        }
    }

    private void flattenTerms() {
        int lists = 0, entries = 0;
        for (Branches b : byTerm.values) {
            if (b != null && b.size > 0) {
                lists++;
                entries += b.size;
            }
        }
        int size = Integer.highestOneBit(Math.max(2, lists * 2) - 1) << 1;
        int[] table = new int[3 * size];
        int[] pool = new int[entries];
        int mask = size - 1, at = 0;
        for (int j = 0; j < byTerm.keys.length; j++) {
            Branches b = byTerm.values[j];
            if (b == null || b.size == 0) continue;
            int h = byTerm.keys[j];
            int i = FieldView.spread(h) & mask;
            while (table[3 * i + 2] != 0) i = (i + 1) & mask;
            System.arraycopy(b.entries, 0, pool, at, b.size);
            table[3 * i] = h;
            table[3 * i + 1] = at;
            table[3 * i + 2] = at += b.size; // never 0 for a stored list: 0 marks an empty cell
        }
        termTable = table;
        termPool = pool;
        termMask = mask;
        termsChanged = false;
    }

    private static boolean isPrefix(String key) {
        return key.startsWith(Presearcher.PREFIX);
    }

    private static String bare(String key) {
        return isPrefix(key) ? key.substring(Presearcher.PREFIX.length()) : key;
    }

    /**
     * A document's key hashes as a 65,536-bit set: a check is one bit test. Another key can set the same bit
     * (about 0.5% of the bits for a 300-word article), which only lets a candidate through to evaluation.
     */
    private static final class KeyHashes {
        private static final int MASK = (1 << 16) - 1;
        private final long[] bits = new long[(MASK + 1) / 64];

        KeyHashes(int[] hashes) {
            for (int h : hashes) {
                int i = FieldView.spread(h) & MASK;
                bits[i >>> 6] |= 1L << i;
            }
        }

        boolean contains(int h) {
            int i = FieldView.spread(h) & MASK;
            return (bits[i >>> 6] & 1L << i) != 0;
        }
    }

    /** Postings by key hash, open addressing; keys that share a hash share a list (a superset, never a miss). */
    private static final class IntMap {
        private int[] keys = new int[64];
        private Branches[] values = new Branches[64];
        private int size;

        Branches get(int h) {
            int mask = keys.length - 1;
            for (int i = FieldView.spread(h) & mask; values[i] != null; i = (i + 1) & mask) {
                if (keys[i] == h) return values[i];
            }
            return null;
        }

        Branches computeIfAbsent(int h) {
            Branches p = get(h);
            if (p != null) return p;
            if ((size + 1) * 2 > keys.length) grow();
            p = new Branches();
            insert(h, p);
            size++;
            return p;
        }

        /** Removes a branch from the hash's list; an emptied list stays, as tables of queries change rarely. */
        void removeFrom(int h, int branch) {
            Branches p = get(h);
            if (p != null) p.remove(branch);
        }

        private void insert(int h, Branches p) {
            int mask = keys.length - 1;
            int i = FieldView.spread(h) & mask;
            while (values[i] != null) i = (i + 1) & mask;
            keys[i] = h;
            values[i] = p;
        }

        private void grow() {
            int[] oldKeys = keys;
            Branches[] oldValues = values;
            keys = new int[oldKeys.length * 2];
            values = new Branches[oldKeys.length * 2];
            for (int i = 0; i < oldKeys.length; i++) if (oldValues[i] != null) insert(oldKeys[i], oldValues[i]);
        }
    }

    /**
     * The branches posted under one key, each with a hint: the hash of its first filter's key when that
     * filter is one key, so most candidates are rejected by one bit test while reading the list, without
     * touching the branch's own arrays. An unordered list; removal swaps in the last entry.
     */
    private static final class Branches {
        private static final int HINTED = 1 << 31;
        private int[] entries = new int[8]; // pairs: branch (| HINTED), hint
        private int size; // ints used, two per branch

        void add(int branch, boolean hinted, int hint) {
            if (size == entries.length) entries = Arrays.copyOf(entries, size * 2);
            entries[size++] = hinted ? branch | HINTED : branch;
            entries[size++] = hint;
        }

        void remove(int branch) {
            for (int i = 0; i < size; i += 2) {
                if ((entries[i] & ~HINTED) == branch) {
                    entries[i] = entries[size - 2];
                    entries[i + 1] = entries[size - 1];
                    size -= 2;
                    return;
                }
            }
        }
    }

    /** An unordered list of slots; removal swaps in the last one. */
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
