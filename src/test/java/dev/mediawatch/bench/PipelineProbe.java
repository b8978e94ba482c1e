package dev.mediawatch.bench;

import dev.mediawatch.model.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A developer's probe of the pipeline alone (no broker limit, no pollers), for trying one change at a
 * time: {@code PipelineProbe eos|alos STEP_SECONDS RATE [RATE...] [latency=RATE]}. Prints one line per step.
 */
public final class PipelineProbe {
    /** CPU time of the stream threads so far: the work per article, whatever the machine's other load. */
    static long streamThreadCpuNanos() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (java.lang.management.ThreadInfo t : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (t != null && t.getThreadName().contains("StreamThread")) sum += mx.getThreadCpuTime(t.getThreadId());
        }
        return sum;
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    public static void main(String[] args) throws Exception {
        boolean eos = args[0].equals("eos");
        Duration step = Duration.ofSeconds(Long.parseLong(args[1]));
        SyntheticNews news = new SyntheticNews(1_000, 20250414L);
        List<Subscription> subs = new ArrayList<>(news.querySubscriptions(1_000));
        subs.addAll(news.entitySubscriptions(10));
        Path dir = Files.createTempDirectory("mediawatch-probe");
        // Streams settings to try: -Dprobe.num.stream.threads=2 and the like.
        java.util.Map<String, String> overrides = new java.util.HashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("probe."))
                .forEach(k -> overrides.put(k.substring(6), System.getProperty(k)));
        if (!overrides.isEmpty()) System.out.println("streams overrides: " + overrides);
        try (PipelineBench p = PipelineBench.start(dir, news, subs, eos, overrides)) {
            p.step(25, Duration.ofSeconds(10), Duration.ofMinutes(2));
            for (int i = 2; i < args.length; i++) {
                if (args[i].startsWith("latency=")) {
                    double rate = Double.parseDouble(args[i].substring(8));
                    PipelineBench.Latency l = p.latency(rate, Duration.ofSeconds(20), Duration.ofSeconds(8));
                    System.out.printf("latency at %.0f/s: p50 %d ms, p99 %d ms, max %d ms (%d/%d)  load %s%n", rate,
                            l.p50(), l.p99(), l.max(), l.alerted(), l.articles(), LoadGauge.now());
                } else {
                    double rate = Double.parseDouble(args[i]);
                    long cpuBefore = streamThreadCpuNanos();
                    long processBefore = processCpuNanos();
                    PipelineBench.Step s = p.step(rate, step, Duration.ofSeconds(3));
                    System.out.printf("  stream thread %.2f CPU ms per article, whole process %.2f%n",
                            (streamThreadCpuNanos() - cpuBefore) / 1e6 / s.articles(),
                            (processCpuNanos() - processBefore) / 1e6 / s.articles());
                    System.out.printf("%s %.0f/s: through %.0f/s, lag %d ms, %s  (%d alerts read so far)  load %s%n",
                            args[0], rate, s.throughRate(), s.worstLagMillis(), s.sustained() ? "kept up" : "FELL BEHIND",
                            p.alertsRead(), LoadGauge.now());
                    if (!s.sustained()) p.drain(Duration.ofMinutes(2));
                }
            }
        }
    }
}
