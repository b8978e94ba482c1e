package dev.mediawatch.deliver;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Which alert offsets may be committed while channel workers finish at their own pace: a partition's
 * commit position is its oldest alert with work outstanding, or just past the last one polled. So a slow
 * channel holds back only the commit (the delivered set covers a restart), never the other channels.
 */
final class OffsetTracker {
    private final Map<TopicPartition, TreeMap<Long, Integer>> outstanding = new HashMap<>();
    private final Map<TopicPartition, Long> polledUpTo = new HashMap<>();
    private final Map<TopicPartition, Long> committed = new HashMap<>();

    /** An alert polled at {@code offset} with {@code jobs} channel deliveries still to settle. */
    synchronized void polled(TopicPartition tp, long offset, int jobs) {
        if (jobs > 0) outstanding.computeIfAbsent(tp, k -> new TreeMap<>()).put(offset, jobs);
        polledUpTo.merge(tp, offset + 1, Math::max);
    }

    /** One channel delivery of the alert at {@code offset} settled; ignored for a partition no longer owned. */
    synchronized void settled(TopicPartition tp, long offset) {
        TreeMap<Long, Integer> pending = outstanding.get(tp);
        if (pending == null) return;
        pending.computeIfPresent(offset, (k, n) -> n <= 1 ? null : n - 1);
    }

    /** Positions that moved since the last call. */
    synchronized Map<TopicPartition, OffsetAndMetadata> committable() {
        Map<TopicPartition, OffsetAndMetadata> out = new HashMap<>();
        polledUpTo.forEach((tp, upTo) -> {
            TreeMap<Long, Integer> pending = outstanding.get(tp);
            long position = pending == null || pending.isEmpty() ? upTo : pending.firstKey();
            Long last = committed.get(tp);
            if (last == null || position > last) out.put(tp, new OffsetAndMetadata(position));
        });
        return out;
    }

    synchronized void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, o) -> committed.put(tp, o.offset()));
    }

    synchronized int outstanding() {
        return outstanding.values().stream().mapToInt(TreeMap::size).sum();
    }

    synchronized void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(tp -> {
            outstanding.remove(tp);
            polledUpTo.remove(tp);
            committed.remove(tp);
        });
    }
}
