package dev.mediawatch.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/** A thread-safe set that forgets its oldest entries past a size, so a long-lived feed's memory stays bounded. */
final class BoundedSet {
    private BoundedSet() {
    }

    static Set<String> create(int capacity) {
        return Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<String, Boolean>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        }));
    }
}
