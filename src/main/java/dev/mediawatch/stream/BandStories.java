package dev.mediawatch.stream;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The stories one LSH band key points to, each with the last time a copy carrying that band was seen,
 * oldest first. The story assigner keeps one per band key in a key-value store: a point lookup per band
 * instead of a range fetch over a window store's segments.
 *
 * @param storyIds story ids, oldest first
 * @param seen     for each story, when a copy with this band was last seen (record time, ms)
 */
record BandStories(List<String> storyIds, long[] seen) {

    /** Stories kept per band; a band shared by more (boilerplate text) keeps the most recent. */
    static final int MAX_STORIES = 16;

    static final BandStories EMPTY = new BandStories(List.of(), new long[0]);

    BandStories {
        storyIds = List.copyOf(storyIds);
        if (seen.length != storyIds.size()) throw new IllegalArgumentException("one time per story");
    }

    /** This band with {@code storyId} seen at {@code at} (moved to the newest end), stories older than {@code cutoff} dropped. */
    BandStories with(String storyId, long at, long cutoff) {
        List<String> ids = new ArrayList<>(storyIds.size() + 1);
        List<Long> times = new ArrayList<>(storyIds.size() + 1);
        long kept = at;
        for (int i = 0; i < storyIds.size(); i++) {
            if (storyIds.get(i).equals(storyId)) {
                kept = Math.max(at, seen[i]);
            } else if (seen[i] >= cutoff) {
                ids.add(storyIds.get(i));
                times.add(seen[i]);
            }
        }
        ids.add(storyId);
        times.add(kept);
        int from = Math.max(0, ids.size() - MAX_STORIES);
        long[] out = new long[ids.size() - from];
        for (int i = from; i < ids.size(); i++) out[i - from] = times.get(i);
        return new BandStories(ids.subList(from, ids.size()), out);
    }

    /** The latest time any story was seen with this band, for expiry. */
    long newest() {
        long max = Long.MIN_VALUE;
        for (long t : seen) max = Math.max(max, t);
        return max;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BandStories b && storyIds.equals(b.storyIds) && Arrays.equals(seen, b.seen);
    }

    @Override
    public int hashCode() {
        return 31 * storyIds.hashCode() + Arrays.hashCode(seen);
    }

    @Override
    public String toString() {
        return "BandStories" + storyIds + Arrays.toString(seen);
    }

    /** Compact binary form: a version byte, a count, then per story its time and its UTF-8 id. */
    static Serde<BandStories> serde() {
        return Serdes.serdeFrom((Serializer<BandStories>) (topic, b) -> b == null ? null : write(b),
                (Deserializer<BandStories>) (topic, bytes) -> bytes == null ? null : read(bytes));
    }

    private static final byte VERSION = 1;

    static byte[] write(BandStories b) {
        byte[][] ids = new byte[b.storyIds.size()][];
        int size = 1 + 2;
        for (int i = 0; i < ids.length; i++) {
            ids[i] = b.storyIds.get(i).getBytes(StandardCharsets.UTF_8);
            size += 8 + 2 + ids[i].length;
        }
        ByteBuffer out = ByteBuffer.allocate(size).put(VERSION).putShort((short) ids.length);
        for (int i = 0; i < ids.length; i++) out.putLong(b.seen[i]).putShort((short) ids[i].length).put(ids[i]);
        return out.array();
    }

    static BandStories read(byte[] bytes) {
        try {
            ByteBuffer in = ByteBuffer.wrap(bytes);
            if (in.get() != VERSION) throw new SerializationException("unknown band entry version");
            int n = in.getShort();
            List<String> ids = new ArrayList<>(n);
            long[] seen = new long[n];
            for (int i = 0; i < n; i++) {
                seen[i] = in.getLong();
                byte[] id = new byte[in.getShort()];
                in.get(id);
                ids.add(new String(id, StandardCharsets.UTF_8));
            }
            if (in.hasRemaining()) throw new SerializationException("trailing bytes in band entry");
            return new BandStories(ids, seen);
        } catch (RuntimeException e) {
            if (e instanceof SerializationException s) throw s;
            throw new SerializationException("malformed band entry", e);
        }
    }
}
