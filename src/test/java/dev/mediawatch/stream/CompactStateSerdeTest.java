package dev.mediawatch.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mediawatch.kafka.CompactSerde;
import dev.mediawatch.kafka.JsonSerde;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** The binary values of the state stores: round trips, the JSON they replace still read, bad bytes refused. */
class CompactStateSerdeTest {

    private static final OutletCounts COUNTS = new OutletCounts(7, Map.of("elfaro.net", 4L, "Diario \u00c9xito", 3L));
    private static final SpikeSettings SPIKES = SpikeSettings.defaults();
    private static final SpikeState SPIKE = SpikeState.initial(SPIKES, 3_600_000L).arrive(3_601_000L, SPIKES)
            .arrive(3_602_000L, SPIKES).arrive(3_603_500L, SPIKES).fired(42);
    private static final StoryAlertState ALERTED = new StoryAlertState(10, 20, 3);

    @Test
    void valuesRoundTripAndStartWithTheBinaryMark() {
        assertRoundTrip(OutletCounts.SERDE, COUNTS);
        assertRoundTrip(OutletCounts.SERDE, OutletCounts.empty());
        assertRoundTrip(SpikeState.SERDE, SPIKE, 2);
        assertRoundTrip(SpikeState.SERDE, SpikeState.initial(SPIKES, 7_200_001L), 2);
        assertRoundTrip(StoryAlertState.SERDE, ALERTED);

        long[] signature = new long[128];
        Arrays.setAll(signature, i -> i * 0x9E3779B97F4A7C15L);
        StoryInfo info = new StoryInfo(signature, List.of("apnews.com", "laprensagrafica.com"), 99L);
        byte[] bytes = StoryInfo.SERDE.toBytes(info);
        assertThat(bytes[0]).isZero();
        assertThat(bytes.length).isLessThan(JsonSerde.of(StoryInfo.class).toBytes(info).length / 2);
        StoryInfo back = StoryInfo.SERDE.fromBytes(bytes);
        assertThat(back.signature()).isEqualTo(signature);
        assertThat(back.outlets()).isEqualTo(info.outlets());
        assertThat(back.lastSeen()).isEqualTo(99L);
    }

    @Test
    void storiesKeepTheExtraBandsOfLaterCopiesAndValuesWrittenWithoutThemAreStillRead() {
        StoryInfo info = new StoryInfo(new long[] {1, 2, 3}, List.of("a"), 5, new long[] {-7, 42});
        StoryInfo back = StoryInfo.SERDE.fromBytes(StoryInfo.SERDE.toBytes(info));
        assertThat(back.extraBands()).containsExactly(-7, 42);
        assertThat(back.lastSeen()).isEqualTo(5);
        // the fourth session's form ended after lastSeen: with no extra bands, that is these bytes less the count
        byte[] none = StoryInfo.SERDE.toBytes(new StoryInfo(new long[] {1, 2, 3}, List.of("a"), 5));
        StoryInfo older = StoryInfo.SERDE.fromBytes(Arrays.copyOf(none, none.length - 4));
        assertThat(older.extraBands()).isEmpty();
        assertThat(older.signature()).containsExactly(1, 2, 3);
        assertThat(older.lastSeen()).isEqualTo(5);
    }

    @Test
    void storyAlertsRoundTripAndReadTheEarlierOneValuePerSubscriptionForms() {
        StoryAlerts told = new StoryAlerts(Map.of("desk", ALERTED, "latam-desk", new StoryAlertState(1, 2, 1)));
        byte[] bytes = StoryAlerts.SERDE.toBytes(told);
        assertThat(bytes[0]).isEqualTo((byte) 1);
        assertThat(StoryAlerts.SERDE.fromBytes(bytes)).isEqualTo(told);
        assertThat(told.lastAt()).isEqualTo(20);
        // what the fourth session stored per subscription and story, binary and JSON
        assertThat(StoryAlerts.SERDE.fromBytes(StoryAlertState.SERDE.toBytes(ALERTED)).of(StoryAlerts.EARLIER))
                .isEqualTo(ALERTED);
        assertThat(StoryAlerts.SERDE.fromBytes(JsonSerde.of(StoryAlertState.class).toBytes(ALERTED))
                .of(StoryAlerts.EARLIER)).isEqualTo(ALERTED);
        assertThatThrownBy(() -> StoryAlerts.SERDE.fromBytes(Arrays.copyOf(bytes, bytes.length - 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("StoryAlerts");
    }

    @Test
    void jsonWrittenBeforeTheBinaryFormIsStillRead() {
        assertThat(OutletCounts.SERDE.fromBytes(JsonSerde.of(OutletCounts.class).toBytes(COUNTS))).isEqualTo(COUNTS);
        // the spike state before buckets: every arrival time, in JSON and then binary
        SpikeState.Earlier earlier = new SpikeState.Earlier(List.of(3_601_000L, 3_602_000L, 3_603_500L), 2.0,
                3_600_000L, 3, 42);
        assertThat(SpikeState.SERDE.fromBytes(JsonSerde.of(SpikeState.Earlier.class).toBytes(earlier))).isEqualTo(SPIKE);
        assertThat(SpikeState.SERDE.fromBytes(SpikeState.Earlier.SERDE.toBytes(earlier))).isEqualTo(SPIKE);
        assertThat(StoryAlertState.SERDE.fromBytes(JsonSerde.of(StoryAlertState.class).toBytes(ALERTED)))
                .isEqualTo(ALERTED);
        StoryInfo info = new StoryInfo(new long[] {1, 2, 3}, List.of("a"), 5);
        String json = new String(JsonSerde.of(StoryInfo.class).toBytes(info), java.nio.charset.StandardCharsets.UTF_8)
                .replace(",\"extraBands\":[]", ""); // as written before the field existed
        assertThat(json).doesNotContain("extraBands");
        StoryInfo back = StoryInfo.SERDE.fromBytes(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(back.signature()).containsExactly(1, 2, 3);
        assertThat(back.outlets()).containsExactly("a");
        assertThat(back.extraBands()).isEmpty();
    }

    @Test
    void truncatedOrPaddedValuesAreRefusedWithTheirType() {
        byte[] bytes = SpikeState.SERDE.toBytes(SPIKE);
        assertThatThrownBy(() -> SpikeState.SERDE.fromBytes(Arrays.copyOf(bytes, bytes.length - 3)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("SpikeState");
        assertThatThrownBy(() -> SpikeState.SERDE.fromBytes(Arrays.copyOf(bytes, bytes.length + 1)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("trailing");
        byte[] counts = OutletCounts.SERDE.toBytes(COUNTS);
        counts[9] = 0x7F; // the outlet count, now far more than the bytes left
        assertThatThrownBy(() -> OutletCounts.SERDE.fromBytes(counts)).isInstanceOf(SerializationException.class);
        assertThatThrownBy(() -> OutletCounts.SERDE.fromBytes("{not json".getBytes()))
                .isInstanceOf(SerializationException.class);
    }

    private static <T> void assertRoundTrip(CompactSerde<T> serde, T value) {
        assertRoundTrip(serde, value, 0);
    }

    private static <T> void assertRoundTrip(CompactSerde<T> serde, T value, int mark) {
        byte[] bytes = serde.toBytes(value);
        assertThat(bytes[0]).isEqualTo((byte) mark);
        assertThat(serde.fromBytes(bytes)).isEqualTo(value);
        assertThat(serde.deserializer().deserialize("t", serde.serializer().serialize("t", value))).isEqualTo(value);
    }
}
