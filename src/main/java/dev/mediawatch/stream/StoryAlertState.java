package dev.mediawatch.stream;

import dev.mediawatch.kafka.CompactSerde;

/**
 * What one subscription has been told about one story: when first and last, and how many outlets
 * carried it then.
 */
public record StoryAlertState(long firstAt, long lastAt, int outlets) {
    /** The alerted-stories and alerted-spikes stores' value serde: binary, reads the JSON written before it too. */
    static final CompactSerde<StoryAlertState> SERDE = new CompactSerde<>(StoryAlertState.class,
            new CompactSerde.Codec<>() {
                @Override
                public void write(StoryAlertState v, CompactSerde.Out out) {
                    out.putLong(v.firstAt());
                    out.putLong(v.lastAt());
                    out.putInt(v.outlets());
                }

                @Override
                public StoryAlertState read(CompactSerde.In in) {
                    return new StoryAlertState(in.getLong(), in.getLong(), in.getInt());
                }
            });
}
