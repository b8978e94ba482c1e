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
 * when its task starts, and again, a slice of the store per second, while expired stories are removed.
 * Since a band's stories are ordered by when each was last seen, not by when it was added, a rebuild
 * in the store's key order gives the index that adding the stories oldest first would (up to stories
 * last seen in the same millisecond).
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
    private long[] entryTime = new long[256]; // the story's last-seen time when added: chains are ordered by it
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
     * Records that {@code storyId}, last seen at {@code lastSeen} (ms), carries {@code band}. A band's
     * stories are kept newest first by that time (on a tie, the one added last first), so the index is
     * the same whatever order stories are added in; a story already there moves to its new place; only
     * the {@link #MAX_STORIES} newest are kept.
     */
    void add(long band, String storyId, long lastSeen) {
        int ref = storyRefs.computeIfAbsent(storyId, id -> {
            storyIds.add(id);
            return storyIds.size() - 1;
        });
        int slot = slotFor(key(band), true);
        int reuse = -1;
        for (int e = heads[slot], prev = -1; e >= 0; prev = e, e = entryNext[e]) {
            if (entryStory[e] != ref) continue;
            if (entryTime[e] >= lastSeen && prev < 0) return; // already the newest
            if (prev < 0) heads[slot] = entryNext[e];
            else entryNext[prev] = entryNext[e];
            reuse = e;
            lastSeen = Math.max(lastSeen, entryTime[e]);
            break;
        }
        int prev = -1, e = heads[slot], newer = 0;
        while (e >= 0 && entryTime[e] > lastSeen) {
            prev = e;
            e = entryNext[e];
            newer++;
        }
        if (newer >= MAX_STORIES) return; // older than every story the band keeps
        int n = reuse >= 0 ? reuse : newEntry();
        entryStory[n] = ref;
        entryTime[n] = lastSeen;
        entryNext[n] = e;
        if (prev < 0) heads[slot] = n;
        else entryNext[prev] = n;
        int last = heads[slot];
        for (int i = 1; i < MAX_STORIES && last >= 0; i++) last = entryNext[last];
        if (last >= 0) entryNext[last] = -1; // the oldest beyond the cap goes
    }

    private int newEntry() {
        if (entries == entryStory.length) {
            entryStory = Arrays.copyOf(entryStory, entries * 2);
            entryNext = Arrays.copyOf(entryNext, entries * 2);
            entryTime = Arrays.copyOf(entryTime, entries * 2);
        }
        return entries++;
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
