package dev.mediawatch.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The spike state's window of buckets: bounded, moving with time, and the baseline beside it. */
class SpikeStateTest {
    private static final SpikeSettings S = SpikeSettings.defaults(); // 15-minute window: 30-second buckets
    private static final long T0 = 1_700_000_000_000L - 1_700_000_000_000L % 3_600_000L;

    @Test
    void keepsItsSizeHoweverManyArrivalsItCounts() {
        SpikeState state = SpikeState.initial(S, T0);
        int small = SpikeState.SERDE.toBytes(state).length;
        for (int i = 0; i < 10_000; i++) state = state.arrive(T0 + i * 50L, S); // 10,000 in about eight minutes
        assertThat(state.inWindow()).isEqualTo(10_000);
        assertThat(SpikeState.SERDE.toBytes(state)).hasSize(small);
    }

    @Test
    void countsOnlyTheArrivalsOfTheLastWindow() {
        SpikeState state = SpikeState.initial(S, T0);
        for (int i = 0; i < 5; i++) state = state.arrive(T0 + i * 1_000L, S);
        state = state.arrive(T0 + Duration.ofMinutes(10).toMillis(), S);
        assertThat(state.inWindow()).isEqualTo(6);
        // 15 minutes and a bucket after the first five, only the later one and this one are left
        state = state.arrive(T0 + Duration.ofMinutes(15).toMillis() + 30_000L, S);
        assertThat(state.inWindow()).isEqualTo(2);
        // a day later, nothing before
        state = state.arrive(T0 + Duration.ofDays(1).toMillis(), S);
        assertThat(state.inWindow()).isEqualTo(1);
    }

    @Test
    void countsALateArrivalInsideTheWindowAndDropsOneOlder() {
        long now = T0 + Duration.ofMinutes(20).toMillis();
        SpikeState state = SpikeState.initial(S, T0).arrive(now, S);
        state = state.arrive(now - Duration.ofMinutes(5).toMillis(), S);
        assertThat(state.inWindow()).isEqualTo(2);
        state = state.arrive(now - Duration.ofMinutes(16).toMillis(), S);
        assertThat(state.inWindow()).isEqualTo(2);
        assertThat(state.hourCount()).isEqualTo(3); // the baseline's hour still counts it
    }

    @Test
    void keepsTheCountsWhenTheWindowIsChanged() {
        SpikeState state = SpikeState.initial(S, T0);
        for (int i = 0; i < 4; i++) state = state.arrive(T0 + i * 60_000L, S);
        SpikeSettings longer = new SpikeSettings(Duration.ofMinutes(60), S.minCount(), S.factor(), S.priorPerHour(),
                S.smoothing(), S.cooldown());
        state = state.arrive(T0 + 5 * 60_000L, longer);
        assertThat(state.bucketMillis()).isEqualTo(120_000L);
        assertThat(state.inWindow()).isEqualTo(5);
    }

    @Test
    void foldsCompletedHoursIntoTheBaseline() {
        SpikeState state = SpikeState.initial(S, T0);
        for (int i = 0; i < 10; i++) state = state.arrive(T0 + i * 1_000L, S);
        state = state.arrive(T0 + 3_600_000L, S);
        // smoothing 0.3 per hour from the prior of 2 per hour, with 10 in the completed hour
        assertThat(state.baselinePerHour()).isEqualTo(0.3 * 10 + 0.7 * 2.0);
        assertThat(state.hourCount()).isEqualTo(1);
    }
}
