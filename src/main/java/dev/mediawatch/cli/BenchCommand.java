package dev.mediawatch.cli;

import dev.mediawatch.bench.Bench;
import dev.mediawatch.bench.BenchOptions;
import dev.mediawatch.bench.BenchReport;
import dev.mediawatch.config.Durations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mediawatch bench}: the load benchmark on embedded brokers with fresh temporary storage (see
 * docs/bench.md). Progress goes to standard error, the report (a table, or JSON) to standard output.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure the broker's limit, the pipeline's sustained rate (exactly-once and at-least-once), "
                + "raw->alert latency and feed polling, each with the ratio it is judged by.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--quick", description = "A seconds-long smoke run with tiny sizes.")
    boolean quick;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(names = "--broker-records", paramLabel = "N", description = "Records for the broker's limit (full: 20000).")
    Integer brokerRecords;

    @Option(names = "--feeds", paramLabel = "N", description = "Loopback feeds to poll (full: 10000).")
    Integer feeds;

    @Option(names = "--step", paramLabel = "DURATION", description = "How long each rate step lasts (full: 20s).")
    String step;

    @Option(names = "--start-rate", paramLabel = "N", description = "Articles/s of the first step (full: 25).")
    Double startRate;

    @Option(names = "--max-rate", paramLabel = "N", description = "Highest rate tried (full: 6400).")
    Double maxRate;

    @Option(names = "--warmup", paramLabel = "DURATION",
            description = "How long each pipeline runs at four times the start rate before the ramp (full: 60s).")
    String warmup;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "Where the brokers keep their data (default: a new temporary directory, deleted after).")
    Path workDir;

    @Override
    public Integer call() throws Exception {
        BenchOptions o = quick ? BenchOptions.quick() : BenchOptions.full();
        if (brokerRecords != null || feeds != null) {
            o = new BenchOptions(brokerRecords != null ? brokerRecords : o.brokerRecords(), o.entities(),
                    o.querySubscriptions(), o.startRate(), o.maxRate(), o.step(), o.lagBound(), o.latencyRun(),
                    feeds != null ? feeds : o.feeds(), o.pollWindow(), o.changedShare(), o.warmup());
        }
        if (step != null) o = o.withStep(Durations.parse(step));
        if (warmup != null) o = o.withWarmup(Durations.parse(warmup));
        if (startRate != null || maxRate != null) {
            o = o.withRates(startRate != null ? startRate : o.startRate(), maxRate != null ? maxRate : o.maxRate());
        }
        quietLogs();
        boolean temporary = workDir == null;
        Path dir = temporary ? Files.createTempDirectory("mediawatch-bench") : Files.createDirectories(workDir);
        try {
            BenchReport report = new Bench(o, dir, System.err).run();
            System.out.println(json ? report.toJson() : report.toText());
            return Main.OK;
        } finally {
            if (temporary) deleteTree(dir);
        }
    }

    /** The bench prints its own progress; the brokers' and clients' start-up warnings would bury it. */
    private static void quietLogs() {
        for (String name : new String[] {"org.apache.kafka", "kafka", "dev.mediawatch"}) {
            ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(name)).setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
