package dev.mediawatch.stream;

import dev.mediawatch.kafka.CompactSerde;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each subscription has been told about one story, as one value under the story's id in the
 * alerted-stories store: an article's alerts cost one read and one write however many subscriptions
 * it alerts (about twelve per article in the load benchmark), where one entry per subscription and
 * story cost a write and a changelog record per alert.
 *
 * <p>Values written before (one {@link StoryAlertState} under "subscription id + newline + story id")
 * are read as a value with one entry under {@link #EARLIER}; {@link OncePerStory} still looks them up
 * for a story it has no value for, so an upgrade does not alert again on stories already alerted.
 *
 * @param bySubscription subscription id -> what it was told, unmodifiable
 */
record StoryAlerts(Map<String, StoryAlertState> bySubscription) {
    /** The one entry of a value stored per subscription and story by an earlier version. */
    static final String EARLIER = "";
    static final StoryAlerts EMPTY = new StoryAlerts(Map.of());

    private static final byte MARK = 1;

    static final CompactSerde<StoryAlerts> SERDE = new CompactSerde<>(StoryAlerts.class, new CompactSerde.Codec<>() {
        @Override
        public void write(StoryAlerts v, CompactSerde.Out out) {
            out.putInt(v.bySubscription().size());
            v.bySubscription().forEach((subscription, state) -> {
                out.putString(subscription);
                out.putLong(state.firstAt());
                out.putLong(state.lastAt());
                out.putInt(state.outlets());
            });
        }

        @Override
        public StoryAlerts read(CompactSerde.In in) {
            int n = in.getCount(4 + 8 + 8 + 4);
            Map<String, StoryAlertState> out = new LinkedHashMap<>(n * 2);
            for (int i = 0; i < n; i++) {
                String subscription = in.getString();
                out.put(subscription, new StoryAlertState(in.getLong(), in.getLong(), in.getInt()));
            }
            return new StoryAlerts(Collections.unmodifiableMap(out));
        }
    }, MARK, bytes -> new StoryAlerts(Map.of(EARLIER, StoryAlertState.SERDE.fromBytes(bytes))));

    StoryAlertState of(String subscriptionId) {
        return bySubscription.get(subscriptionId);
    }

    /** When any subscription was last told about this story: for expiry. */
    long lastAt() {
        long max = Long.MIN_VALUE;
        for (StoryAlertState s : bySubscription.values()) max = Math.max(max, s.lastAt());
        return max;
    }
}
