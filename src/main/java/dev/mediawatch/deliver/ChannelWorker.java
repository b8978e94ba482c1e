package dev.mediawatch.deliver;

import dev.mediawatch.metrics.MediawatchMetrics;
import dev.mediawatch.model.Alert;
import dev.mediawatch.model.Channel;
import dev.mediawatch.model.Delivery;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue and thread of one channel: one slow, failing or rate-limited channel waits here alone. It keeps
 * the channel's pace, rolls waiting alerts into one message where the sink allows, retries as the sink's
 * policy says, holds alerts of a digest channel until the schedule is due, and stops sending for good once
 * the destination answered 410 (until the channel's config, and with it its {@link ChannelKey}, changes).
 * Every outcome goes to the {@link DeliveryLog}; an item's {@code settled} callback runs once its outcome is
 * final or, for a digest, once it is recorded as pending.
 */
final class ChannelWorker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChannelWorker.class);
    /** How often the loop looks at the clock when nothing wakes it: clocks may be injected. */
    private static final long TICK_MS = 100;

    /** One alert for this channel; {@code partition} is where it came from on {@code mediawatch.alerts}. */
    record Item(Alert alert, String subscriptionId, int partition, Instant since, Runnable settled) {
        Item {
            Objects.requireNonNull(alert, "alert");
            Objects.requireNonNull(settled, "settled");
        }
    }

    /** What is sent in one request: one alert, or several as a digest; retried as a whole. */
    private record Message(List<Item> items, boolean digest, boolean scheduled, String heading, int attempts, Instant due,
                           long seq) {
    }

    private final Channel channel;
    private final String key;
    private final Sink sink;
    private final DeliveryLog log;
    private final Clock clock;
    private final Optional<DigestSchedule> digest;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final PriorityQueue<Message> queue =
            new PriorityQueue<>(Comparator.comparing(Message::due).thenComparingLong(Message::seq));
    private final List<Item> pendingDigest = new ArrayList<>();
    private final Thread thread;
    private long seq;
    private Instant gate = Instant.EPOCH;
    private boolean disabled;
    private volatile boolean running = true;

    ChannelWorker(Channel channel, Sink sink, DeliveryLog log, Clock clock, boolean disabled) {
        this.channel = channel;
        this.key = ChannelKey.of(channel);
        this.sink = sink;
        this.log = log;
        this.clock = clock;
        this.digest = DigestSchedule.of(channel);
        this.disabled = disabled;
        if (disabled) MediawatchMetrics.CHANNELS_DISABLED.labelValues(channel.type()).inc();
        this.thread = new Thread(this::run, "mediawatch-deliver-" + key);
        this.thread.setDaemon(true);
    }

    ChannelWorker start() {
        thread.start();
        return this;
    }

    String key() {
        return key;
    }

    /** Takes an alert: queued to send now, or recorded pending for the digest. */
    void enqueue(Item item) {
        lock.lock();
        try {
            if (disabled) {
                record(item, Delivery.DISABLED, 0, "channel disabled: its destination answered 410 Gone", Delivery.REASON_GONE, null);
                item.settled().run();
            } else if (digest.isPresent()) {
                Item pending = new Item(item.alert(), item.subscriptionId(), item.partition(), clock.instant(), item.settled());
                log.record(delivery(pending, Delivery.PENDING_DIGEST, 0, null, null, null, true));
                pendingDigest.add(pending);
                item.settled().run();
            } else {
                queue.add(new Message(List.of(item), false, false, null, 0, clock.instant(), seq++));
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** An alert already recorded pending for this channel's digest (after a restart or rebalance). */
    void restorePending(Item item) {
        lock.lock();
        try {
            boolean known = pendingDigest.stream().anyMatch(i -> i.alert().alertId().equals(item.alert().alertId()));
            if (!known) pendingDigest.add(item);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Drops what waits here from partitions this instance no longer owns: their new owner takes over. */
    void forgetPartitions(java.util.Collection<Integer> partitions) {
        lock.lock();
        try {
            pendingDigest.removeIf(i -> partitions.contains(i.partition()));
            queue.removeIf(m -> m.items().stream().allMatch(i -> partitions.contains(i.partition())));
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        while (running) {
            Message next;
            try {
                next = awaitNext();
            } catch (InterruptedException e) {
                return;
            }
            if (next != null) send(next);
        }
    }

    /** The next message to send once it is due and the pace allows; null when stopping. */
    private Message awaitNext() throws InterruptedException {
        lock.lock();
        try {
            while (running) {
                Instant now = clock.instant();
                if (disabled) disableWaiting();
                else if (digestDue(now)) moveDigestToQueue(now);
                Message head = queue.peek();
                if (head != null && !head.due().isAfter(now) && !gate.isAfter(now)) return takeDue(now);
                changed.await(TICK_MS, TimeUnit.MILLISECONDS);
            }
            return null;
        } finally {
            lock.unlock();
        }
    }

    private boolean digestDue(Instant now) {
        if (digest.isEmpty() || pendingDigest.isEmpty()) return false;
        Instant oldest = pendingDigest.stream().map(Item::since).min(Comparator.naturalOrder()).orElseThrow();
        return !digest.get().next(oldest).isAfter(now);
    }

    private void moveDigestToQueue(Instant now) {
        // Restored items come back in no particular order: a digest reads in detection order.
        List<Item> items = pendingDigest.stream().sorted(Comparator
                .comparing((Item i) -> i.alert().detectedAt(), Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(i -> i.alert().alertId())).toList();
        pendingDigest.clear();
        queue.add(new Message(items, true, true, "digest, " + digest.orElseThrow(), 0, now, seq++));
    }

    /** The head, or, where the sink rolls up, every due first attempt merged into one message. */
    private Message takeDue(Instant now) {
        Message head = queue.poll();
        if (!sink.rollsUp() || head.digest() || head.attempts() > 0) return head;
        List<Item> items = new ArrayList<>(head.items());
        for (Iterator<Message> it = queue.iterator(); it.hasNext(); ) {
            Message m = it.next();
            if (!m.digest() && m.attempts() == 0 && !m.due().isAfter(now)) {
                items.addAll(m.items());
                it.remove();
            }
        }
        if (items.size() == 1) return head;
        return new Message(items, true, false, "rolled up: " + items.size() + " alerts arrived faster than "
                + "one message per " + sink.pacing().toMillis() + " ms", 0, now, head.seq());
    }

    private void send(Message m) {
        List<Alert> alerts = m.items().stream().map(Item::alert).toList();
        String batchId = m.digest() ? batchId(alerts) : null;
        int attempts = m.attempts() + 1;
        try {
            if (m.digest()) sink.sendDigest(alerts, m.heading(), batchId, channel);
            else sink.send(alerts.get(0), channel);
            delivered(m, attempts, batchId);
        } catch (DeliveryException e) {
            failed(m, attempts, batchId, e);
        } catch (RuntimeException e) {
            LOG.error("channel {} ({}): sink failed unexpectedly: {}", key, channel.type(), e.toString());
            failed(m, attempts, batchId, DeliveryException.permanent("bug", "internal error: " + e.getClass().getSimpleName()));
        } finally {
            lock.lock();
            try {
                gate = later(gate, clock.instant().plus(sink.pacing()));
            } finally {
                lock.unlock();
            }
        }
    }

    private void delivered(Message m, int attempts, String batchId) {
        MediawatchMetrics.DELIVERY_ATTEMPTS.labelValues(channel.type(), "delivered").inc();
        Instant now = clock.instant();
        for (Item item : m.items()) {
            record(item, Delivery.DELIVERED, attempts, null, null, batchId);
            if (!m.scheduled()) observeLatency(item.alert(), now);
            item.settled().run();
        }
        LOG.debug("channel {}: delivered {} alert(s) on attempt {}", key, m.items().size(), attempts);
    }

    private void observeLatency(Alert a, Instant now) {
        if (a.detectedAt() == null) return;
        double seconds = Math.max(0, Duration.between(a.detectedAt(), now).toMillis() / 1000.0);
        MediawatchMetrics.DETECTED_TO_DELIVERED.labelValues(channel.type()).observe(seconds);
    }

    private void failed(Message m, int attempts, String batchId, DeliveryException e) {
        MediawatchMetrics.DELIVERY_FAILURES.labelValues(channel.type(), e.reason()).inc();
        Optional<Duration> retry = e.retryAfter().isPresent() ? e.retryAfter()
                : e.retryable() ? sink.retryPolicy().next(attempts) : Optional.empty();
        // A 429 says "not now", not "broken": it does not use up the retry policy, but it is bounded.
        if (e.retryAfter().isPresent() && attempts > 20) retry = Optional.empty();
        if (retry.isPresent()) {
            MediawatchMetrics.DELIVERY_ATTEMPTS.labelValues(channel.type(), "retry").inc();
            retryLater(m, attempts, batchId, e, retry.get());
            return;
        }
        MediawatchMetrics.DELIVERY_ATTEMPTS.labelValues(channel.type(), "failed").inc();
        LOG.warn("channel {} ({}): {} alert(s) not delivered after {} attempt(s): {}", key, channel.type(),
                m.items().size(), attempts, e.getMessage());
        for (Item item : m.items()) {
            record(item, Delivery.FAILED, attempts, e.getMessage(), e.reason(), batchId);
            item.settled().run();
        }
        if (e.disablesChannel()) disable();
    }

    private void retryLater(Message m, int attempts, String batchId, DeliveryException e, Duration wait) {
        Instant due = clock.instant().plus(wait);
        LOG.info("channel {} ({}): attempt {} failed ({}); next in {} ms", key, channel.type(), attempts,
                e.getMessage(), wait.toMillis());
        for (Item item : m.items()) record(item, Delivery.RETRYING, attempts, e.getMessage(), e.reason(), batchId);
        lock.lock();
        try {
            if (e.retryAfter().isPresent()) gate = later(gate, due);   // the whole channel waits, not just this message
            queue.add(new Message(m.items(), m.digest(), m.scheduled(), m.heading(), attempts, due, m.seq()));
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void disable() {
        lock.lock();
        try {
            if (disabled) return;
            disabled = true;
            MediawatchMetrics.CHANNELS_DISABLED.labelValues(channel.type()).inc();
            LOG.warn("channel {} ({}) disabled: its destination answered 410 Gone; nothing more is sent to it "
                    + "until its config changes", key, channel.type());
            disableWaiting();
        } finally {
            lock.unlock();
        }
    }

    /** Settles everything still waiting as {@code disabled}. Called with the lock held. */
    private void disableWaiting() {
        List<Item> waiting = new ArrayList<>(pendingDigest);
        pendingDigest.clear();
        queue.forEach(m -> waiting.addAll(m.items()));
        queue.clear();
        for (Item item : waiting) {
            record(item, Delivery.DISABLED, 0, "channel disabled: its destination answered 410 Gone", Delivery.REASON_GONE, null);
            item.settled().run();
        }
    }

    private void record(Item item, String status, int attempts, String error, String reason, String batchId) {
        log.record(delivery(item, status, attempts, error, reason, batchId, false));
    }

    private Delivery delivery(Item item, String status, int attempts, String error, String reason, String batchId,
                              boolean keepAlert) {
        return new Delivery(item.alert().alertId(), item.subscriptionId(), channel.type(), key, status, attempts,
                error, reason, clock.instant(), batchId, keepAlert ? item.alert() : null,
                keepAlert ? item.partition() : null);
    }

    /** Stable for the same alerts, so a retried digest keeps its id (webhook-id) and receivers can deduplicate. */
    static String batchId(List<Alert> alerts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            alerts.stream().map(Alert::alertId).sorted().forEach(id -> sha.update((id + "\n").getBytes(StandardCharsets.UTF_8)));
            return "batch_" + HexFormat.of().formatHex(sha.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    @Override
    public void close() {
        running = false;
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        thread.interrupt();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (disabled) MediawatchMetrics.CHANNELS_DISABLED.labelValues(channel.type()).dec();
    }
}
