package dev.mediawatch.stream;

import java.util.ArrayList;
import java.util.List;

/**
 * One story as the assigner remembers it: the MinHash signature of its first copy, the outlets
 * carrying it (in order of arrival) and when a copy was last seen (for expiry).
 */
public record StoryInfo(long[] signature, List<String> outlets, long lastSeen) {
    public StoryInfo {
        outlets = outlets == null ? List.of() : List.copyOf(outlets);
    }

    StoryInfo seen(String outlet, long at) {
        List<String> next = new ArrayList<>(outlets);
        if (outlet != null && !outlet.isBlank() && !next.contains(outlet)) next.add(outlet);
        return new StoryInfo(signature, next, Math.max(lastSeen, at));
    }
}
