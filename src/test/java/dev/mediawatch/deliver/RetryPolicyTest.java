package dev.mediawatch.deliver;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    @Test
    void standardWebhooksScheduleHasSevenRetriesThenGivesUp() {
        RetryPolicy p = RetryPolicy.schedule(RetryPolicy.STANDARD_WEBHOOKS);
        assertThat(p.next(1)).contains(Duration.ofSeconds(5));
        assertThat(p.next(2)).contains(Duration.ofMinutes(5));
        assertThat(p.next(7)).contains(Duration.ofHours(10));
        assertThat(p.next(8)).isEmpty();
    }

    @Test
    void exponentialBackOffDoublesWithinJitterAndIsCapped() {
        RetryPolicy low = RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofSeconds(10), 6, () -> 0.0);
        RetryPolicy high = RetryPolicy.exponential(Duration.ofSeconds(1), Duration.ofSeconds(10), 6, () -> 1.0);
        assertThat(List.of(low.next(1), high.next(1))).containsExactly(Optional.of(Duration.ofMillis(500)),
                Optional.of(Duration.ofSeconds(1)));
        assertThat(List.of(low.next(3), high.next(3))).containsExactly(Optional.of(Duration.ofSeconds(2)),
                Optional.of(Duration.ofSeconds(4)));
        assertThat(high.next(5)).contains(Duration.ofSeconds(10));
        assertThat(high.next(6)).isEmpty();
    }
}
