package dev.mediawatch.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * Sizes and durations of one benchmark run. {@link #full()} is the documented run; {@link #quick()}
 * a seconds-long smoke run with tiny sizes that only proves every figure is produced.
 *
 * @param brokerRecords     records produced and consumed back to measure the broker's limit
 * @param entities          watchlist size
 * @param querySubscriptions boolean-query subscriptions
 * @param startRate         articles per second of the first step
 * @param maxRate           the rising rate stops here even if the pipeline still keeps up
 * @param step              how long each rate step produces
 * @param lagBound          how long after a step's last article its alerts may still arrive for the step to count as sustained
 * @param latencyRun        how long the latency run at half the sustained rate produces
 * @param feeds             loopback feeds the pollers poll
 * @param pollWindow        how long feed polling is measured once every feed has been polled once
 * @param changedShare      share of feeds that publish a new item between polls (the rest answer 304)
 * @param warmup            how long each pipeline runs at four times the start rate before the ramp, not
 *                          counted: the JIT compiles the hot paths for about a minute (C2 took 70% of a
 *                          core for the first 60 s at 200 articles/s), and a ramp begun cold measures that
 */
public record BenchOptions(int brokerRecords, int entities, int querySubscriptions, double startRate, double maxRate,
                           Duration step, Duration lagBound, Duration latencyRun, int feeds, Duration pollWindow,
                           double changedShare, Duration warmup) {
    public BenchOptions {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(lagBound, "lagBound");
        Objects.requireNonNull(latencyRun, "latencyRun");
        Objects.requireNonNull(pollWindow, "pollWindow");
        Objects.requireNonNull(warmup, "warmup");
        if (brokerRecords < 1) throw new IllegalArgumentException("brokerRecords must be at least 1: " + brokerRecords);
        if (entities < 1) throw new IllegalArgumentException("entities must be at least 1: " + entities);
        if (querySubscriptions < 0) throw new IllegalArgumentException("querySubscriptions must not be negative");
        if (!(startRate > 0) || maxRate < startRate) {
            throw new IllegalArgumentException("need 0 < startRate <= maxRate: " + startRate + ", " + maxRate);
        }
        if (feeds < 1) throw new IllegalArgumentException("feeds must be at least 1: " + feeds);
        if (changedShare < 0 || changedShare > 1) throw new IllegalArgumentException("changedShare must be in 0..1");
    }

    /**
     * The documented full run: about ten minutes on a 2-core machine. A step produces for 20 s and is
     * sustained when its last alert comes within 1.5 s of its last article: a pipeline that keeps up
     * lags by its latency (0.3-0.5 s), and one going at {@code c} articles/s under a rate {@code r}
     * ends a step (r / c - 1) * 20 s behind, so a rate passes only up to about 1.05 times the capacity.
     * (Until the fifth session: 10 s steps and 3 s, which passed rates up to 1.26 times the capacity.)
     */
    public static BenchOptions full() {
        return new BenchOptions(20_000, 1_000, 1_000, 25, 6_400, Duration.ofSeconds(20), Duration.ofMillis(1_500),
                Duration.ofSeconds(20), 10_000, Duration.ofSeconds(20), 0.05, Duration.ofSeconds(60));
    }

    /** Seconds-long smoke run: tiny sizes, every figure still produced. */
    public static BenchOptions quick() {
        return new BenchOptions(500, 50, 50, 10, 40, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Duration.ofSeconds(2), 100, Duration.ofSeconds(3), 0.1, Duration.ofSeconds(2));
    }

    public BenchOptions withFeeds(int n) {
        return new BenchOptions(brokerRecords, entities, querySubscriptions, startRate, maxRate, step, lagBound,
                latencyRun, n, pollWindow, changedShare, warmup);
    }

    public BenchOptions withStep(Duration d) {
        return new BenchOptions(brokerRecords, entities, querySubscriptions, startRate, maxRate, d, lagBound,
                latencyRun, feeds, pollWindow, changedShare, warmup);
    }

    public BenchOptions withWarmup(Duration d) {
        return new BenchOptions(brokerRecords, entities, querySubscriptions, startRate, maxRate, step, lagBound,
                latencyRun, feeds, pollWindow, changedShare, d);
    }

    public BenchOptions withRates(double start, double max) {
        return new BenchOptions(brokerRecords, entities, querySubscriptions, start, max, step, lagBound,
                latencyRun, feeds, pollWindow, changedShare, warmup);
    }
}
