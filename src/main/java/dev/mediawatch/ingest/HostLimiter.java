package dev.mediawatch.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Politeness towards each host: at most {@code maxConcurrent} requests in flight and at most
 * {@code requestsPerSecond} started per host (a token bucket holding one token, so no bursts), shared
 * by every feed and page fetch of the process. Hosts are independent: waiting for one never delays
 * another. A request that would wait longer than {@code maxWait} for its turn is refused instead.
 */
public final class HostLimiter {
    /** Past this many hosts, idle ones are forgotten, so page hosts from many outlets do not pile up. */
    private static final int MAX_IDLE_HOSTS = 10_000;

    private final int maxConcurrent;
    private final long nanosPerRequest;
    private final Duration maxWait;
    private final LongSupplier nanoTime;
    private final Map<String, Host> hosts = new ConcurrentHashMap<>();

    /** The state of one host: its concurrency slots and when its next request may start. */
    private final class Host {
        final Semaphore slots = new Semaphore(maxConcurrent, true);
        long nextStartNanos;

        Host(long now) {
            this.nextStartNanos = now;
        }
    }

    /** A held request slot; close it when the response has been read. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    public HostLimiter(int maxConcurrent, double requestsPerSecond, Duration maxWait) {
        this(maxConcurrent, requestsPerSecond, maxWait, System::nanoTime);
    }

    HostLimiter(int maxConcurrent, double requestsPerSecond, Duration maxWait, LongSupplier nanoTime) {
        if (maxConcurrent < 1) throw new IllegalArgumentException("maxConcurrent must be at least 1: " + maxConcurrent);
        if (!(requestsPerSecond > 0)) {
            throw new IllegalArgumentException("requestsPerSecond must be positive: " + requestsPerSecond);
        }
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) throw new IllegalArgumentException("maxWait must not be negative: " + maxWait);
        this.maxConcurrent = maxConcurrent;
        this.nanosPerRequest = (long) (1e9 / requestsPerSecond);
        this.maxWait = maxWait;
        this.nanoTime = nanoTime;
    }

    /** Two requests in flight and one started per second per host; a turn waited for up to a minute. */
    public static HostLimiter defaults() {
        return new HostLimiter(2, 1.0, Duration.ofMinutes(1));
    }

    /** No limit at all: for one-shot commands that fetch a handful of URLs. */
    public static HostLimiter unlimited() {
        return new HostLimiter(Integer.MAX_VALUE / 2, 1e9, Duration.ofMinutes(1));
    }

    public int maxConcurrent() {
        return maxConcurrent;
    }

    /** The key requests are counted under: the host name, lower-case (ports of one host share its limits). */
    public static String hostOf(URI uri) {
        String host = uri.getHost();
        return host == null ? "" : host.toLowerCase(Locale.ROOT);
    }

    /**
     * Blocks until {@code host} has a free slot and its turn to start a request has come.
     *
     * @throws FetchException {@link FetchException.Kind#TIMEOUT} when that would take longer than the wait bound
     */
    public Permit acquire(String host) throws FetchException {
        Host h = hosts.computeIfAbsent(host, k -> new Host(nanoTime.getAsLong()));
        long waitUntil = nanoTime.getAsLong() + maxWait.toNanos();
        try {
            if (!h.slots.tryAcquire(maxWait.toNanos(), TimeUnit.NANOSECONDS)) throw busy(host);
            long wait = reserve(host, waitUntil - nanoTime.getAsLong());
            if (wait < 0) {
                h.slots.release();
                throw busy(host);
            }
            if (wait > 0) TimeUnit.NANOSECONDS.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException(FetchException.Kind.IO, "interrupted while waiting for " + host, e);
        }
        forgetIdleHosts();
        return h.slots::release;
    }

    /**
     * Reserves the host's next start time: nanoseconds to wait before starting, or -1 when that
     * would exceed {@code budgetNanos} (then nothing is reserved). The reservation is the token
     * bucket: each start pushes the next one {@code 1/requestsPerSecond} later.
     */
    long reserve(String host, long budgetNanos) {
        Host h = hosts.computeIfAbsent(host, k -> new Host(nanoTime.getAsLong()));
        synchronized (h) {
            long now = nanoTime.getAsLong();
            long start = Math.max(now, h.nextStartNanos);
            long wait = start - now;
            if (wait > Math.max(0, budgetNanos)) return -1;
            h.nextStartNanos = start + nanosPerRequest;
            return wait;
        }
    }

    private void forgetIdleHosts() {
        if (hosts.size() <= MAX_IDLE_HOSTS) return;
        long now = nanoTime.getAsLong();
        hosts.values().removeIf(h -> h.slots.availablePermits() == maxConcurrent && h.nextStartNanos <= now);
    }

    private FetchException busy(String host) {
        return new FetchException(FetchException.Kind.TIMEOUT,
                "no request slot for host " + host + " within " + maxWait + " (per-host limit)");
    }
}
