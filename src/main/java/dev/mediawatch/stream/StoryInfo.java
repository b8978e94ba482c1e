package dev.mediawatch.stream;

import dev.mediawatch.enrich.story.StoryFingerprint;
import dev.mediawatch.kafka.CompactSerde;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One story as the assigner remembers it: the MinHash signature of its first copy, the outlets
 * carrying it (in order of arrival), when a copy was last seen (for expiry), and the LSH band hashes
 * its later copies brought that the first copy's signature does not give, so that the in-memory band
 * index ({@link StoryBandIndex}) is rebuilt from this store alone.
 *
 * @param extraBands at most {@link #MAX_EXTRA_BANDS}, in order of arrival; never null
 */
public record StoryInfo(long[] signature, List<String> outlets, long lastSeen, long[] extraBands) {
    /** Bands kept beyond the first copy's: two more copies' worth. */
    static final int MAX_EXTRA_BANDS = 2 * StoryFingerprint.BANDS;

    /**
     * The stories-store's value serde: binary (the signature in 1 KB, not 2.6 KB of JSON), reads JSON
     * too, and values written before the extra bands existed (they end after {@code lastSeen}).
     */
    static final CompactSerde<StoryInfo> SERDE = new CompactSerde<>(StoryInfo.class, new CompactSerde.Codec<>() {
        @Override
        public void write(StoryInfo v, CompactSerde.Out out) {
            long[] signature = v.signature() == null ? new long[0] : v.signature();
            out.putInt(signature.length);
            for (long h : signature) out.putLong(h);
            out.putInt(v.outlets().size());
            for (String outlet : v.outlets()) out.putString(outlet);
            out.putLong(v.lastSeen());
            out.putInt(v.extraBands().length);
            for (long h : v.extraBands()) out.putLong(h);
        }

        @Override
        public StoryInfo read(CompactSerde.In in) {
            long[] signature = new long[in.getCount(8)];
            for (int i = 0; i < signature.length; i++) signature[i] = in.getLong();
            int n = in.getCount(4);
            List<String> outlets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) outlets.add(in.getString());
            long lastSeen = in.getLong();
            long[] extra = new long[in.hasMore() ? in.getCount(8) : 0];
            for (int i = 0; i < extra.length; i++) extra[i] = in.getLong();
            return new StoryInfo(signature, outlets, lastSeen, extra);
        }
    });

    private static final long[] NONE = new long[0];

    public StoryInfo {
        outlets = outlets == null ? List.of() : List.copyOf(outlets);
        extraBands = extraBands == null ? NONE : extraBands;
    }

    StoryInfo(long[] signature, List<String> outlets, long lastSeen) {
        this(signature, outlets, lastSeen, NONE);
    }

    StoryInfo seen(String outlet, long at) {
        List<String> next = outlets;
        if (outlet != null && !outlet.isBlank() && !outlets.contains(outlet)) {
            next = new ArrayList<>(outlets);
            next.add(outlet);
        }
        return new StoryInfo(signature, next, Math.max(lastSeen, at), extraBands);
    }

    /** The first copy's band hashes (from its signature; none when it has no full signature). */
    long[] firstBands() {
        if (signature == null || signature.length != StoryFingerprint.HASHES) return NONE;
        return StoryFingerprint.fromSignature(signature).bandHashes();
    }

    /** Every band hash this story is indexed under: the first copy's, then the extras. */
    long[] allBands() {
        long[] first = firstBands();
        if (extraBands.length == 0) return first;
        long[] all = Arrays.copyOf(first, first.length + extraBands.length);
        System.arraycopy(extraBands, 0, all, first.length, extraBands.length);
        return all;
    }

    /** This story with the bands of a later copy that it is not indexed under yet, up to the cap. */
    StoryInfo withBandsOf(long[] copyBands) {
        long[] known = allBands();
        long[] extra = extraBands;
        for (long band : copyBands) {
            if (extra.length >= MAX_EXTRA_BANDS) break;
            if (contains(known, band) || contains(extra, band)) continue;
            extra = Arrays.copyOf(extra, extra.length + 1);
            extra[extra.length - 1] = band;
        }
        return extra == extraBands ? this : new StoryInfo(signature, outlets, lastSeen, extra);
    }

    private static boolean contains(long[] values, long v) {
        for (long x : values) if (x == v) return true;
        return false;
    }
}
