package dev.mediawatch.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HostLimiterTest {
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    private HostLimiter limiter(int concurrent, double perSecond, Duration maxWait) {
        return new HostLimiter(concurrent, perSecond, maxWait, nanos::get);
    }

    @Test
    void spacesRequestsToOneHostByTheRate() {
        HostLimiter limiter = limiter(2, 1.0, Duration.ofMinutes(1));

        assertThat(limiter.reserve("a.example", Long.MAX_VALUE)).isZero();
        assertThat(limiter.reserve("a.example", Long.MAX_VALUE)).isEqualTo(1_000_000_000L);
        assertThat(limiter.reserve("a.example", Long.MAX_VALUE)).isEqualTo(2_000_000_000L);
    }

    @Test
    void otherHostsDoNotWaitForABusyOne() {
        HostLimiter limiter = limiter(2, 1.0, Duration.ofMinutes(1));
        for (int i = 0; i < 40; i++) limiter.reserve("busy.example", Long.MAX_VALUE);

        assertThat(limiter.reserve("quiet.example", Long.MAX_VALUE)).isZero();
    }

    @Test
    void theBucketRefillsWithTimeButDoesNotSaveUpABurst() {
        HostLimiter limiter = limiter(2, 2.0, Duration.ofMinutes(1));
        limiter.reserve("a.example", Long.MAX_VALUE);
        nanos.addAndGet(10_000_000_000L);

        assertThat(limiter.reserve("a.example", Long.MAX_VALUE)).isZero();
        assertThat(limiter.reserve("a.example", Long.MAX_VALUE)).isEqualTo(500_000_000L);
    }

    @Test
    void aTurnTooFarAwayIsRefusedAndNotReserved() {
        HostLimiter limiter = limiter(2, 1.0, Duration.ofMinutes(1));
        limiter.reserve("a.example", Long.MAX_VALUE);

        assertThat(limiter.reserve("a.example", 500_000_000L)).isEqualTo(-1);
        assertThat(limiter.reserve("a.example", Long.MAX_VALUE)).isEqualTo(1_000_000_000L);
    }

    @Test
    void limitsConcurrentRequestsPerHostOnly() throws Exception {
        HostLimiter limiter = new HostLimiter(2, 1_000, Duration.ofMillis(200));
        HostLimiter.Permit first = limiter.acquire("a.example");
        HostLimiter.Permit second = limiter.acquire("a.example");

        assertThatThrownBy(() -> limiter.acquire("a.example")).isInstanceOf(FetchException.class)
                .hasMessageContaining("per-host limit");
        try (HostLimiter.Permit other = limiter.acquire("b.example")) {
            assertThat(other).isNotNull();
        }
        first.close();
        limiter.acquire("a.example").close();
        second.close();
    }

    @Test
    void aReleasedSlotLetsAWaitingRequestGo() throws Exception {
        HostLimiter limiter = new HostLimiter(1, 1_000, Duration.ofSeconds(10));
        HostLimiter.Permit held = limiter.acquire("a.example");
        CompletableFuture<Void> waiting = CompletableFuture.runAsync(() -> {
            try {
                limiter.acquire("a.example").close();
            } catch (FetchException e) {
                throw new IllegalStateException(e);
            }
        });

        assertThat(waiting).isNotDone();
        held.close();
        waiting.get(5, TimeUnit.SECONDS);
        assertThat(waiting).isCompleted();
    }

    @Test
    void hostsAreKeyedByLowerCaseNameWithoutPort() {
        assertThat(HostLimiter.hostOf(URI.create("https://WWW.Example.com:8443/feed"))).isEqualTo("www.example.com");
    }
}
