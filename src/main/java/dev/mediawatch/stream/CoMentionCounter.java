package dev.mediawatch.stream;

import dev.mediawatch.model.Mention;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedWindowStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Counts each pair of entities named in one article, per hour of publication, where the mentions are
 * already partitioned: a mention of entity {@code a} carries every entity its article names, so the
 * task of {@code a} counts the pairs {@code a+b} with {@code b} after {@code a}, and every pair of an
 * article is counted once, by its first entity's task. (Until 2026-11-30 the story task wrote each pair
 * to a repartition topic keyed by pair, five records per article in the load benchmark, each written,
 * read back and counted.)
 *
 * <p>What the DSL's hourly windowed count did, in the same store: a timestamped window store of
 * {@code Long} counts, kept {@code retention}; a record whose hour closed (its end plus {@code grace}
 * at or before the latest published time this task has seen) is dropped.
 */
final class CoMentionCounter implements Processor<String, Mention, Void, Void> {
    static final Duration WINDOW = Duration.ofHours(1);

    private final long size = WINDOW.toMillis();
    private final long grace;
    private TimestampedWindowStore<String, Long> counts;
    private long streamTime = Long.MIN_VALUE;

    CoMentionCounter(Duration grace) {
        this.grace = grace.toMillis();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.counts = context.getStateStore(MediawatchTopology.COMENTIONS_HOURLY_STORE);
    }

    @Override
    public void process(Record<String, Mention> record) {
        String first = record.key();
        Mention mention = record.value();
        if (first == null || mention == null) return;
        long at = record.timestamp(); // the published time (PublishedTime)
        streamTime = Math.max(streamTime, at);
        long start = at - Math.floorMod(at, size);
        if (start + size <= streamTime - grace) return; // closed
        List<String> named = mention.articleEntityIds();
        for (int i = 0; i < named.size(); i++) {
            String other = named.get(i);
            if (other == null || other.compareTo(first) <= 0 || named.indexOf(other) < i) continue; // once per pair
            String pair = CoMentions.key(first, other);
            ValueAndTimestamp<Long> before = counts.fetch(pair, start);
            long n = before == null || before.value() == null ? 1 : before.value() + 1;
            long ts = before == null ? at : Math.max(at, before.timestamp());
            counts.put(pair, ValueAndTimestamp.make(n, ts), start);
        }
    }
}
