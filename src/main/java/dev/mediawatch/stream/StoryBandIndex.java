package dev.mediawatch.stream;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The story assigner's LSH band index, in memory: band hash -> the stories carrying that band, newest
 * first, at most {@link #MAX_STORIES} per band (a band shared by more, boilerplate text, keeps the most
 * recent). It has no store and no changelog of its own: {@link StoryAssigner} rebuilds it from the
 * stories store (each story's first signature and the extra bands of its later copies, {@link StoryInfo})
 * when its task starts and each time expired stories are removed.
 *
 * <p>Until the fifth session this index was a RocksDB key-value store ({@code story-band-index-store}):
 * 32 reads, 32 writes and 32 changelog records per article, a quarter of the stream thread's time.
 * Here a lookup is a probe of a primitive hash table and a walk of at most 16 entries.
 *
 * <p>Layout: an open-addressing table of band hashes (linear probing) whose slot holds the head of a
 * chain of entries (story reference, next entry). Entries cut off a chain by the cap stay allocated
 * until the next rebuild. Not thread-safe: one per task, used by its stream thread.
 */
final class StoryBandIndex {
    /** Stories kept per band. */
    static final int MAX_STORIES = 16;
    private static final long FREE = 0;

    private long[] keys;
    private int[] heads;
    private int mask;
    private int bands;
    private int[] entryStory = new int[256];
    private int[] entryNext = new int[256];
    private int entries;
    private final List<String> storyIds = new ArrayList<>();
    private final Map<String, Integer> storyRefs = new HashMap<>();

    StoryBandIndex() {
        this(1024);
    }

    StoryBandIndex(int expectedBands) {
        int capacity = Integer.highestOneBit(Math.max(16, expectedBands * 2 - 1)) << 1;
        keys = new long[capacity];
        heads = new int[capacity];
        mask = capacity - 1;
    }

    /** Distinct band hashes held. */
    int bands() {
        return bands;
    }

    /** Stories referenced (including any cut off every band by the cap, until the next rebuild). */
    int stories() {
        return storyIds.size();
    }

    /**
     * Records that {@code storyId} carries {@code band}, as its newest story: it moves to the front of the
     * band if it was there already; the oldest beyond {@link #MAX_STORIES} is dropped.
     */
    void add(long band, String storyId) {
        int ref = storyRefs.computeIfAbsent(storyId, id -> {
            storyIds.add(id);
            return storyIds.size() - 1;
        });
        int slot = slotFor(key(band), true);
        int prev = -1;
        int e = heads[slot];
        int seen = 0;
        while (e >= 0) {
            if (entryStory[e] == ref) {
                if (prev < 0) return; // already the newest
                entryNext[prev] = entryNext[e]; // unlink, then put in front below
                entryNext[e] = heads[slot];
                heads[slot] = e;
                return;
            }
            if (++seen == MAX_STORIES - 1) {
                entryNext[e] = -1; // room for the new one: the oldest goes (this story too, if it was there)
                break;
            }
            prev = e;
            e = entryNext[e];
        }
        if (entries == entryStory.length) {
            entryStory = Arrays.copyOf(entryStory, entries * 2);
            entryNext = Arrays.copyOf(entryNext, entries * 2);
        }
        entryStory[entries] = ref;
        entryNext[entries] = heads[slot];
        heads[slot] = entries++;
    }

    /** Adds the stories carrying {@code band} to {@code out}, newest first. */
    void collect(long band, Collection<String> out) {
        int slot = slotFor(key(band), false);
        if (slot < 0) return;
        for (int e = heads[slot]; e >= 0; e = entryNext[e]) out.add(storyIds.get(entryStory[e]));
    }

    /** Zero marks a free slot; a band hashing to zero is filed under one (candidates are checked by similarity anyway). */
    private static long key(long band) {
        return band == FREE ? 1 : band;
    }

    private int slotFor(long key, boolean insert) {
        int i = (int) (key ^ (key >>> 32)) & mask;
        while (keys[i] != FREE) {
            if (keys[i] == key) return i;
            i = (i + 1) & mask;
        }
        if (!insert) return -1;
        if (2 * (bands + 1) > keys.length) {
            grow();
            return slotFor(key, true);
        }
        keys[i] = key;
        heads[i] = -1;
        bands++;
        return i;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldHeads = heads;
        keys = new long[oldKeys.length * 2];
        heads = new int[oldKeys.length * 2];
        mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] == FREE) continue;
            int i = (int) (oldKeys[j] ^ (oldKeys[j] >>> 32)) & mask;
            while (keys[i] != FREE) i = (i + 1) & mask;
            keys[i] = oldKeys[j];
            heads[i] = oldHeads[j];
        }
    }
}
