package dev.mediawatch.bench;

import dev.mediawatch.model.Subscription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A developer's probe of the pipeline alone (no broker limit, no pollers), for trying one change at a
 * time: {@code PipelineProbe eos|alos STEP_SECONDS RATE [RATE...] [max=RATE] [latency=RATE]}. Prints one line per step.
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

    /**
     * CPU time so far per thread name with its digits taken out, from /proc (Linux): VM threads too (GC,
     * JIT compilers), which ThreadMXBean does not list. Names are the kernel's, cut to 15 characters.
     */
    static java.util.Map<String, Long> cpuByThreadGroup() {
        java.util.Map<String, Long> out = new java.util.HashMap<>();
        long tick = 10_000_000L; // USER_HZ 100
        try (var tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    String stat = Files.readString(t.resolve("stat"));
                    int open = stat.indexOf('('), close = stat.lastIndexOf(')');
                    String name = stat.substring(open + 1, close).replaceAll("[0-9]+", "#");
                    String[] f = stat.substring(close + 2).split(" ");
                    long cpu = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * tick;
                    out.merge(name, cpu, Long::sum);
                } catch (java.io.IOException | RuntimeException gone) {
                    // the thread ended
                }
            }
        } catch (java.io.IOException e) {
            return out;
        }
        return out;
    }

    static void printCpuByThreadGroup(java.util.Map<String, Long> before, int articles) {
        java.util.Map<String, Long> after = cpuByThreadGroup();
        after.entrySet().stream()
                .map(e -> java.util.Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed()).limit(14)
                .forEach(e -> System.out.printf("    %6.3f ms/article  %s%n", e.getValue() / 1e6 / articles, e.getKey()));
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Records and bytes on every topic (internal ones too) per raw article: what one article costs the broker. */
    static void printTopicVolumes(String bootstrap) throws Exception {
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(
                java.util.Map.of("bootstrap.servers", bootstrap))) {
            java.util.Set<String> names = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions()
                    .listInternal(true)).names().get();
            java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> ask =
                    new java.util.HashMap<>();
            admin.describeTopics(names).allTopicNames().get().forEach((name, d) -> d.partitions().forEach(
                    pi -> ask.put(new org.apache.kafka.common.TopicPartition(name, pi.partition()),
                            org.apache.kafka.clients.admin.OffsetSpec.latest())));
            java.util.Map<String, Long> records = new java.util.TreeMap<>();
            admin.listOffsets(ask).all().get().forEach((tp, info) -> records.merge(tp.topic(), info.offset(), Long::sum));
            java.util.Map<String, Long> bytes = new java.util.TreeMap<>();
            admin.describeLogDirs(List.of(1)).allDescriptions().get().values().forEach(dirs -> dirs.values()
                    .forEach(dir -> dir.replicaInfos().forEach((tp, r) -> bytes.merge(tp.topic(), r.size(), Long::sum))));
            long raw = records.getOrDefault("mediawatch.articles.raw", 1L);
            System.out.printf("per raw article (%d raw records; offsets include transaction markers):%n", raw);
            records.forEach((t, n) -> {
                if (n > 0) System.out.printf("  %-80s %7.2f records %9.0f bytes%n", t, n / (double) raw,
                        bytes.getOrDefault(t, 0L) / (double) raw);
            });
            System.out.printf("  %-80s %7.2f records %9.0f bytes%n", "total",
                    records.values().stream().mapToLong(Long::longValue).sum() / (double) raw,
                    bytes.values().stream().mapToLong(Long::longValue).sum() / (double) raw);
        }
    }

    /** One step, with the CPU per article of each thread, of the stream thread and of the whole process. */
    private static PipelineBench.Step measuredStep(PipelineBench p, double rate, Duration step, Duration lagBound)
            throws Exception {
        long cpuBefore = streamThreadCpuNanos();
        long processBefore = processCpuNanos();
        java.util.Map<String, Long> threadsBefore = cpuByThreadGroup();
        double blockedBefore = streamThreadMetric(p, "blocked-time-ns-total");
        double commitsBefore = streamThreadMetric(p, "commit-total");
        PipelineBench.Step s = p.step(rate, step, lagBound);
        printCpuByThreadGroup(threadsBefore, s.articles());
        System.out.printf("  stream thread blocked on Kafka %.2f ms per article; %.0f commits, %.1f ms each on average;"
                        + " last ratios: process %.2f, poll %.2f, commit %.2f, punctuate %.2f%n",
                (streamThreadMetric(p, "blocked-time-ns-total") - blockedBefore) / 1e6 / s.articles(),
                streamThreadMetric(p, "commit-total") - commitsBefore, streamThreadMetric(p, "commit-latency-avg"),
                streamThreadMetric(p, "process-ratio"), streamThreadMetric(p, "poll-ratio"),
                streamThreadMetric(p, "commit-ratio"), streamThreadMetric(p, "punctuate-ratio"));
        System.out.printf("  stream thread %.2f CPU ms per article, whole process %.2f%n",
                (streamThreadCpuNanos() - cpuBefore) / 1e6 / s.articles(),
                (processCpuNanos() - processBefore) / 1e6 / s.articles());
        return s;
    }

    /** A stream-thread-level metric of Kafka Streams (summed over the stream threads), NaN when absent. */
    static double streamThreadMetric(PipelineBench p, String name) {
        double sum = Double.NaN;
        for (var e : p.streamsMetrics().entrySet()) {
            if (e.getKey().group().equals("stream-thread-metrics") && e.getKey().name().equals(name)
                    && e.getValue().metricValue() instanceof Number n) {
                sum = Double.isNaN(sum) ? n.doubleValue() : sum + n.doubleValue();
            }
        }
        return sum;
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
                if (args[i].startsWith("max=")) {
                    // Saturated: produce faster than the pipeline goes, then time the drain. The per-article
                    // CPU of an unsaturated step includes per-poll overheads that shrink as batches grow.
                    double rate = Double.parseDouble(args[i].substring(4));
                    PipelineBench.Step s = measuredStep(p, rate, step, Duration.ofMinutes(3));
                    System.out.printf("%s saturated at %.0f/s: through %.0f/s (%d articles)  load %s%n", args[0],
                            rate, s.throughRate(), s.articles(), LoadGauge.now());
                } else if (args[i].startsWith("latency=")) {
                    double rate = Double.parseDouble(args[i].substring(8));
                    java.util.Map<String, Long> cpuBefore = cpuByThreadGroup();
                    PipelineBench.Latency l = p.latency(rate, Duration.ofSeconds(20), Duration.ofSeconds(8));
                    System.out.printf("latency at %.0f/s: p50 %d ms, p99 %d ms, max %d ms (%d/%d)  load %s%n", rate,
                            l.p50(), l.p99(), l.max(), l.alerted(), l.articles(), LoadGauge.now());
                    printCpuByThreadGroup(cpuBefore, l.articles());
                } else {
                    double rate = Double.parseDouble(args[i]);
                    PipelineBench.Step s = measuredStep(p, rate, step, Duration.ofSeconds(3));
                    System.out.printf("%s %.0f/s: through %.0f/s, lag %d ms, %s  (%d alerts read so far)  load %s%n",
                            args[0], rate, s.throughRate(), s.worstLagMillis(), s.sustained() ? "kept up" : "FELL BEHIND",
                            p.alertsRead(), LoadGauge.now());
                    if (!s.sustained()) p.drain(Duration.ofMinutes(2));
                }
            }
            printTopicVolumes(p.bootstrapServers());
        } finally {
            // a saturated probe leaves gigabytes of broker logs and state behind
            try (var paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
