package dev.mediawatch.stream;

import dev.mediawatch.kafka.CompactSerde;
import java.util.ArrayList;
import java.util.List;

/**
 * One story as the assigner remembers it: the MinHash signature of its first copy, the outlets
 * carrying it (in order of arrival) and when a copy was last seen (for expiry).
 */
public record StoryInfo(long[] signature, List<String> outlets, long lastSeen) {
    /** The stories-store's value serde: binary (the signature in 1 KB, not 2.6 KB of JSON), reads JSON too. */
    static final CompactSerde<StoryInfo> SERDE = new CompactSerde<>(StoryInfo.class, new CompactSerde.Codec<>() {
        @Override
        public void write(StoryInfo v, CompactSerde.Out out) {
            long[] signature = v.signature() == null ? new long[0] : v.signature();
            out.putInt(signature.length);
            for (long h : signature) out.putLong(h);
            out.putInt(v.outlets().size());
            for (String outlet : v.outlets()) out.putString(outlet);
            out.putLong(v.lastSeen());
        }

        @Override
        public StoryInfo read(CompactSerde.In in) {
            long[] signature = new long[in.getCount(8)];
            for (int i = 0; i < signature.length; i++) signature[i] = in.getLong();
            int n = in.getCount(4);
            List<String> outlets = new ArrayList<>(n);
            for (int i = 0; i < n; i++) outlets.add(in.getString());
            return new StoryInfo(signature, outlets, in.getLong());
        }
    });

    public StoryInfo {
        outlets = outlets == null ? List.of() : List.copyOf(outlets);
    }

    StoryInfo seen(String outlet, long at) {
        List<String> next = new ArrayList<>(outlets);
        if (outlet != null && !outlet.isBlank() && !next.contains(outlet)) next.add(outlet);
        return new StoryInfo(signature, next, Math.max(lastSeen, at));
    }
}
