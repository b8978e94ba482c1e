package dev.mediawatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
    private static final Instant NOW = Instant.parse("2025-04-14T12:00:00Z");
    private final PollSchedule schedule = new PollSchedule(Duration.ofMinutes(5), Duration.ofMinutes(2),
            Duration.ofHours(1));

    private static List<Instant> every(Duration gap, int n) {
        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < n; i++) times.add(NOW.minus(gap.multipliedBy(i)));
        return times;
    }

    @Test
    void startsFromTheFeedsIntervalElseTheDefaultWithinBounds() {
        assertThat(schedule.interval(Duration.ofMinutes(10))).isEqualTo(Duration.ofMinutes(10));
        assertThat(schedule.interval(null)).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.interval(Duration.ofSeconds(10))).isEqualTo(Duration.ofMinutes(2));
        assertThat(schedule.interval(Duration.ofDays(1))).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void followsTheMedianGapBetweenPublications() {
        assertThat(schedule.adapt(Duration.ofMinutes(5), every(Duration.ofMinutes(20), 10), 2))
                .isEqualTo(Duration.ofMinutes(20));
    }

    @Test
    void oneBurstDoesNotSwingTheMedian() {
        List<Instant> times = new ArrayList<>(every(Duration.ofMinutes(30), 9));
        times.add(NOW.plusSeconds(1));
        times.add(NOW.plusSeconds(2));

        assertThat(schedule.adapt(Duration.ofMinutes(5), times, 3)).isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void aBusyFeedIsPolledAtTheMinimumAndASlowOneAtTheMaximum() {
        assertThat(schedule.adapt(Duration.ofMinutes(5), every(Duration.ofSeconds(20), 20), 5))
                .isEqualTo(Duration.ofMinutes(2));
        assertThat(schedule.adapt(Duration.ofMinutes(5), every(Duration.ofDays(1), 20), 1))
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void nothingNewGrowsTheIntervalUpToTheMaximum() {
        Duration d = Duration.ofMinutes(5);
        Duration next = schedule.adapt(d, List.of(), 0);
        assertThat(next).isGreaterThan(d);
        for (int i = 0; i < 50; i++) next = schedule.adapt(next, List.of(), 0);
        assertThat(next).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void undatedItemsHalveTheIntervalWhenSeveralArrive() {
        assertThat(schedule.adapt(Duration.ofMinutes(10), List.of(), 4)).isEqualTo(Duration.ofMinutes(5));
        assertThat(schedule.adapt(Duration.ofMinutes(10), List.of(), 1)).isEqualTo(Duration.ofMinutes(10));
        assertThat(schedule.adapt(Duration.ofMinutes(3), List.of(), 4)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void failuresBackOffExponentiallyButNeverBeyondTheMaximum() {
        Instant first = schedule.afterFailure(NOW, Duration.ofMinutes(5), 1, null);
        Instant third = schedule.afterFailure(NOW, Duration.ofMinutes(5), 3, null);
        Instant hundredth = schedule.afterFailure(NOW, Duration.ofMinutes(5), 100, null);

        assertThat(Duration.between(NOW, first)).isBetween(Duration.ofMinutes(5), Duration.ofMinutes(6));
        assertThat(Duration.between(NOW, third)).isBetween(Duration.ofMinutes(20), Duration.ofMinutes(24));
        assertThat(Duration.between(NOW, hundredth)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void retryAfterIsHonouredButNotBelowTheMinimumNorBeyondADay() {
        assertThat(schedule.afterFailure(NOW, null, 1, Duration.ofMinutes(30))).isEqualTo(NOW.plus(Duration.ofMinutes(30)));
        assertThat(schedule.afterFailure(NOW, null, 1, Duration.ofSeconds(5))).isEqualTo(NOW.plus(Duration.ofMinutes(2)));
        assertThat(schedule.afterFailure(NOW, null, 1, Duration.ofDays(30))).isEqualTo(NOW.plus(Duration.ofDays(1)));
    }

    @Test
    void refusesBoundsTheWrongWayRound() {
        assertThatThrownBy(() -> new PollSchedule(Duration.ofMinutes(5), Duration.ofHours(2), Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minInterval");
    }
}
