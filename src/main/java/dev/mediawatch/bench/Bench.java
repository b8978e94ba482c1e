package dev.mediawatch.bench;

import dev.mediawatch.kafka.EmbeddedKafka;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.RawArticle;
import dev.mediawatch.model.Subscription;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The whole benchmark, in order: the broker's limit, the pipeline's highest sustained rate under
 * exactly-once (then the latency at half of it) and under at-least-once, and the pollers. Each part
 * runs on its own fresh embedded broker under {@code workDir}.
 */
public final class Bench {
    private static final long SEED = 20250414L;
    /** Entities each entity subscription follows: 1,000 entities give 100 entity subscriptions. */
    private static final int ENTITIES_PER_SUBSCRIPTION = 10;

    private final BenchOptions options;
    private final Path workDir;
    private final PrintStream progress;

    public Bench(BenchOptions options, Path workDir, PrintStream progress) {
        this.options = options;
        this.workDir = workDir;
        this.progress = progress;
    }

    /** The pipeline's rising-rate result for one processing guarantee. */
    record Ramp(double sustained, double throughRate, List<PipelineBench.Step> steps) {
    }

    public BenchReport run() throws Exception {
        Instant started = Instant.now();
        SyntheticNews news = new SyntheticNews(options.entities(), SEED);
        List<Subscription> subscriptions = new ArrayList<>(news.querySubscriptions(options.querySubscriptions()));
        subscriptions.addAll(news.entitySubscriptions(ENTITIES_PER_SUBSCRIPTION));
        List<Figure> figures = new ArrayList<>();

        BrokerLimit.Result limit = brokerLimit(news);
        progress.printf(Locale.ROOT, "  broker: %.0f records/s produced and consumed (%.1f MB/s), %.0f records/s produce only, "
                + "%d-byte records  (load %s)%n", limit.recordsPerSecond(), limit.megabytesPerSecond(),
                limit.produceRecordsPerSecond(), limit.recordBytes(), LoadGauge.now());
        figures.add(Figure.plain("broker produce+consume", limit.recordsPerSecond(), "records/s"));
        figures.add(Figure.plain("broker produce+consume bytes", limit.megabytesPerSecond(), "MB/s"));
        figures.add(Figure.plain("broker produce only", limit.produceRecordsPerSecond(), "records/s"));
        figures.add(Figure.plain("record size", limit.recordBytes(), "bytes"));

        Ramp eos;
        PipelineBench.Latency latency;
        try (PipelineBench p = startPipeline(news, subscriptions, true)) {
            eos = ramp(p, "exactly_once_v2");
            double half = Math.max(1, (eos.sustained() > 0 ? eos.sustained() : options.startRate()) / 2);
            p.drain(Duration.ofMinutes(2));
            progress.printf(Locale.ROOT, "latency at %.0f articles/s for %ds...%n", half, options.latencyRun().toSeconds());
            latency = p.latency(half, options.latencyRun(), options.lagBound().plusSeconds(5));
            progress.printf(Locale.ROOT, "  latency: p50 %d ms, p99 %d ms, max %d ms (%d of %d alerted)  (load %s)%n",
                    latency.p50(), latency.p99(), latency.max(), latency.alerted(), latency.articles(), LoadGauge.now());
        }
        figures.add(Figure.atLeast("pipeline exactly_once_v2 sustained", eos.sustained(), "articles/s",
                eos.sustained() / limit.recordsPerSecond(), "pipeline / broker limit", 0.25));
        // What the sustained step delivered end to end (its articles over the time from its first send to
        // its last alert, which includes one latency): the same capacity seen from the output side.
        figures.add(new Figure("pipeline exactly_once_v2 through", eos.throughRate(), "articles/s",
                eos.throughRate() / limit.recordsPerSecond(), "through / broker limit", "", null, LoadGauge.now()));
        // The alert fan-out is the pipeline's output volume: name it beside the article rate. Only steps the
        // pipeline kept up with have read all their alerts.
        figures.add(Figure.plain("alerts per article", eos.steps().stream().filter(PipelineBench.Step::sustained)
                .mapToDouble(PipelineBench.Step::alertsPerArticle).average().orElse(Double.NaN), "alerts"));
        Ramp alos;
        try (PipelineBench p = startPipeline(news, subscriptions, false)) {
            alos = ramp(p, "at_least_once");
        }
        figures.add(Figure.plain("pipeline at_least_once sustained", alos.sustained(), "articles/s"));
        figures.add(Figure.atLeast("exactly-once vs at-least-once", eos.sustained(), "articles/s",
                alos.sustained() == 0 ? Double.NaN : eos.sustained() / alos.sustained(), "exactly-once / at-least-once",
                0.7));
        figures.add(Figure.plain("latency p50 raw->alert", latency.p50(), "ms"));
        figures.add(Figure.below("latency p99 raw->alert", latency.p99(), "ms",
                latency.p50() <= 0 ? Double.NaN : (double) latency.p99() / latency.p50(), "p99 / p50", 500));
        figures.add(Figure.plain("latency max raw->alert", latency.max(), "ms"));

        progress.printf(Locale.ROOT, "pollers: %s...%n", FeedFarm.describe(options.feeds(), options.changedShare()));
        PollerBench.Result polls = PollerBench.run(workDir.resolve("poll"), options.feeds(), options.changedShare(),
                options.pollWindow());
        progress.printf(Locale.ROOT, "  pollers: first round %.1f s; %.0f polls/s, %.3f CPU s per 1,000 polls, %d not modified, "
                + "%d bytes saved  (load %s)%n", polls.firstRoundSeconds(), polls.pollsPerSecond(),
                polls.cpuSecondsPerThousand(), polls.notModified(), polls.bytesSaved(), LoadGauge.now());
        figures.add(Figure.plain("feeds polled", polls.pollsPerSecond(), "polls/s"));
        figures.add(Figure.plain("CPU per 1,000 polls", polls.cpuSecondsPerThousand(), "CPU s"));
        long wouldHave = polls.bytesSaved() + polls.bytesSent();
        figures.add(new Figure("bytes saved by conditional GET", polls.bytesSaved(), "bytes",
                wouldHave == 0 ? Double.NaN : (double) polls.bytesSaved() / wouldHave, "saved / feed bytes without it",
                "", null, LoadGauge.now()));
        return new BenchReport(started, Instant.now(), options, limit, eos, alos, latency, polls, figures);
    }

    private BrokerLimit.Result brokerLimit(SyntheticNews news) throws Exception {
        List<byte[]> values = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            RawArticle a = news.article("size", i, Instant.now());
            values.add(Topics.ARTICLES_RAW.valueSerde().serializer().serialize(Topics.ARTICLES_RAW.name(), a));
        }
        progress.printf(Locale.ROOT, "broker limit: %d records...%n", options.brokerRecords());
        try (EmbeddedKafka broker = EmbeddedKafka.start(workDir.resolve("broker-limit"), 0)) {
            return BrokerLimit.measure(broker.bootstrapServers(), values, options.brokerRecords());
        }
    }

    private PipelineBench startPipeline(SyntheticNews news, List<Subscription> subs, boolean exactlyOnce) throws Exception {
        String mode = exactlyOnce ? "eos" : "alos";
        progress.printf(Locale.ROOT, "pipeline (%s): %d entities, %d subscriptions; starting...%n", mode,
                news.entities().size(), subs.size());
        PipelineBench p = PipelineBench.start(workDir.resolve("pipeline-" + mode), news, subs, exactlyOnce);
        // Warm-up: the JIT, the stores, the first transactions; not counted.
        progress.printf(Locale.ROOT, "  warm-up: %.0f articles/s for %ds (not counted)%n", 4 * options.startRate(),
                options.warmup().toSeconds());
        p.step(4 * options.startRate(), options.warmup(), Duration.ofMinutes(2));
        p.drain(Duration.ofMinutes(2));
        return p;
    }

    /**
     * Doubles the rate until the pipeline falls behind, then narrows the highest sustained rate down by
     * {@link #REFINE_STEPS} bisections between the last rate kept up with and the first fallen behind
     * (each after the backlog drained): to within a sixteenth of that octave.
     */
    private Ramp ramp(PipelineBench p, String mode) throws Exception {
        List<PipelineBench.Step> steps = new ArrayList<>();
        double best = 0;
        double bestThrough = 0;
        double failed = 0;
        double rate = options.startRate();
        while (rate <= options.maxRate()) {
            PipelineBench.Step s = rampStep(p, mode, rate, steps);
            if (!s.sustained()) {
                failed = rate;
                break;
            }
            best = rate;
            bestThrough = s.throughRate();
            rate *= 2;
        }
        for (int i = 0; i < REFINE_STEPS && failed > 0 && best > 0; i++) {
            double mid = Math.round((best + failed) / 2 / 10) * 10.0;
            if (mid <= best || mid >= failed || !p.drain(Duration.ofMinutes(2))) break;
            PipelineBench.Step s = rampStep(p, mode, mid, steps);
            if (s.sustained()) {
                best = mid;
                bestThrough = s.throughRate();
            } else {
                failed = mid;
            }
        }
        return new Ramp(best, bestThrough, steps);
    }

    /** Bisections of the ramp after the pipeline first falls behind. */
    static final int REFINE_STEPS = 4;

    private PipelineBench.Step rampStep(PipelineBench p, String mode, double rate, List<PipelineBench.Step> steps)
            throws Exception {
        PipelineBench.Step s = p.step(rate, options.step(), options.lagBound());
        steps.add(s);
        progress.printf(Locale.ROOT, "  %s %6.0f/s -> produced %6.0f/s, through %6.0f/s, lag %5d ms, %.1f alerts/article: %s  (load %s)%n",
                mode, rate, s.producedRate(), s.throughRate(), s.worstLagMillis(), s.alertsPerArticle(),
                s.sustained() ? "kept up" : "fell behind", LoadGauge.now());
        return s;
    }
}
