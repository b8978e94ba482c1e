package dev.mediawatch.bench;

import ch.qos.logback.classic.Level;
import dev.mediawatch.app.MediawatchService;
import dev.mediawatch.app.Role;
import dev.mediawatch.config.MediawatchConfig;
import dev.mediawatch.model.FeedSource;
import java.io.PrintStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import org.slf4j.LoggerFactory;

/**
 * The poll role ({@link MediawatchService} with {@code roles=poll}, on its own embedded broker)
 * against a {@link FeedFarm}: every feed is polled once (full responses, article pages fetched), then
 * polling is measured over a window in which most feeds answer 304. The schedule is set so every feed
 * is always due, and the per-host limits are raised through {@code fetch.hostConcurrency} and
 * {@code fetch.hostRequestsPerSecond} (all feeds are on one loopback host), so the figure is the
 * poller's own speed.
 */
final class PollerBench {
    static final int HOST_CONCURRENCY = 64;
    static final double HOST_REQUESTS_PER_SECOND = 1_000_000;

    /**
     * @param cpuSecondsPerThousand process CPU (poller, the broker and the loopback server all in this JVM) per 1,000 feed polls
     * @param bytesSaved             feed bytes not sent thanks to conditional GET during the window
     */
    record Result(int feeds, double firstRoundSeconds, long polls, double pollsPerSecond, double cpuSecondsPerThousand,
                  long notModified, long bytesSaved, long bytesSent, long pages) {
    }

    private PollerBench() {
    }

    static Result run(Path dir, int feedCount, double changedShare, Duration window) throws Exception {
        Level before = quietPollLogs();
        try (FeedFarm farm = new FeedFarm(feedCount, changedShare)) {
            List<FeedSource> feeds = new ArrayList<>(feedCount);
            for (int i = 0; i < feedCount; i++) {
                feeds.add(new FeedSource(String.format(Locale.ROOT, "bench-feed-%05d", i), farm.feedUrl(i),
                        "Bench Outlet " + (i % 100), null));
            }
            MediawatchConfig.FetchSettings fetch = new MediawatchConfig.FetchSettings(true, Duration.ofMillis(200),
                    Duration.ofMillis(100), Duration.ofHours(1), HOST_CONCURRENCY, HOST_REQUESTS_PER_SECOND);
            MediawatchConfig config = new MediawatchConfig("bench", new MediawatchConfig.KafkaSettings("", 0),
                    new MediawatchConfig.HttpSettings("127.0.0.1", 0), fetch, feeds, List.of(), List.of());
            PrintStream silent = new PrintStream(OutputStream.nullOutputStream());
            long started = System.nanoTime();
            try (MediawatchService service = MediawatchService.start(config,
                    new MediawatchService.Options(dir, EnumSet.of(Role.POLL), silent, true))) {
                awaitRound(farm, feedCount, 1, Duration.ofMinutes(10));
                double firstRound = (System.nanoTime() - started) / 1e9;
                // From here every feed has validators: a poll is a conditional GET.
                awaitRound(farm, feedCount, 2, Duration.ofMinutes(10));
                FeedFarm.Counts from = farm.counts();
                long cpuFrom = processCpuNanos();
                long t0 = System.nanoTime();
                Thread.sleep(window.toMillis());
                FeedFarm.Counts delta = farm.counts().minus(from);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpu = (processCpuNanos() - cpuFrom) / 1e9;
                return new Result(feedCount, firstRound, delta.feedRequests(), delta.feedRequests() / seconds,
                        delta.feedRequests() == 0 ? Double.NaN : cpu / (delta.feedRequests() / 1000.0),
                        delta.notModified(), delta.bytesSaved(), delta.bytesSent(), delta.pageRequests());
            }
        } finally {
            ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.mediawatch.ingest")).setLevel(before);
        }
    }

    private static void awaitRound(FeedFarm farm, int feeds, int round, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (farm.feedsRequestedAtLeast(round) < feeds) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("poll round " + round + " incomplete: " + farm.feedsRequestedAtLeast(round)
                        + " of " + feeds + " feeds polled within " + max.toMinutes() + " minutes");
            }
            Thread.sleep(50);
        }
    }

    /** One INFO line per poll is right in service and noise in a benchmark's output (and it costs CPU). */
    private static Level quietPollLogs() {
        ch.qos.logback.classic.Logger log = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("dev.mediawatch.ingest");
        Level before = log.getLevel();
        log.setLevel(Level.WARN);
        return before;
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        long sum = 0;
        var threads = ManagementFactory.getThreadMXBean();
        for (long id : threads.getAllThreadIds()) sum += Math.max(0, threads.getThreadCpuTime(id));
        return sum;
    }
}
