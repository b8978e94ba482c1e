package dev.mediawatch.stream;

import dev.mediawatch.model.Mention;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Watches arrivals per entity (by the time articles reach the stream, so back-filled old articles
 * do not fake a burst) and emits one {@link Spike} when a burst clears the baseline, then stays
 * quiet for the cooldown: a dozen articles in a few minutes give one spike, not twelve.
 */
final class SpikeDetector implements FixedKeyProcessor<String, Mention, Spike> {
    private final SpikeSettings settings;
    private FixedKeyProcessorContext<String, Spike> context;
    private KeyValueStore<String, SpikeState> states;

    SpikeDetector(SpikeSettings settings) {
        this.settings = settings;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Spike> context) {
        this.context = context;
        this.states = context.getStateStore(MediawatchTopology.SPIKE_STATE_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, Mention> record) {
        Mention m = record.value();
        if (m == null || record.key() == null) return;
        long now = record.timestamp();
        SpikeState before = states.get(record.key());
        SpikeState state = (before == null ? SpikeState.initial(settings, now) : before)
                .arrive(now, settings);
        if (state.isSpike(now, settings)) {
            state = state.fired(now);
            Spike spike = new Spike(record.key(), m.entity().name(), state.inWindow(),
                    state.expectedInWindow(settings), settings.window().toMinutes(), Instant.ofEpochMilli(now),
                    m.title(), m.url(), m.outlet());
            context.forward(record.withValue(spike));
        }
        states.put(record.key(), state);
    }
}
