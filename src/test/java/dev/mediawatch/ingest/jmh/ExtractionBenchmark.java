package dev.mediawatch.ingest.jmh;

import dev.mediawatch.ingest.ArticleExtractor;
import dev.mediawatch.ingest.EvaluationSet;
import dev.mediawatch.ingest.EvaluationSet.Page;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Pages per second for {@link ArticleExtractor#extract} (charset detection, parse, metadata, main text) over every
 * page of the extraction evaluation set, one thread. Each invocation extracts the whole set, so the score is
 * pages per second.
 *
 * <p>Run: {@code mvn -o -q test-compile}, then this class's {@code main} with the test classpath.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class ExtractionBenchmark {

    /** The evaluation set has this many pages; checked at setup so the per-page score stays honest. */
    static final int PAGES = 60;

    private final ArticleExtractor extractor = new ArticleExtractor();
    private List<Page> pages;

    @Setup
    public void load() {
        pages = EvaluationSet.all();
        if (pages.size() != PAGES) {
            throw new IllegalStateException("evaluation set has " + pages.size() + " pages; update PAGES");
        }
    }

    @Benchmark
    @OperationsPerInvocation(PAGES)
    public void extractEvaluationSet(Blackhole bh) {
        for (Page page : pages) bh.consume(extractor.extract(page.html(), page.contentType(), page.url()));
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(ExtractionBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(2)
                .warmupTime(TimeValue.seconds(2))
                .measurementIterations(3)
                .measurementTime(TimeValue.seconds(2))
                .build();
        new Runner(options).run();
    }
}
