package dev.mediawatch.enrich.story;

import dev.mediawatch.bench.SyntheticNews;
import dev.mediawatch.model.RawArticle;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The story task's fingerprint of one article of the load benchmark's synthetic news (about 700
 * words): {@code fingerprint} is what the stream runs, {@code plainDefinition} the same signature
 * the plain way (a string per word, a set of shingles, formatted band keys), kept as the reference
 * the tests compare against.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class StoryFingerprintBenchmark {
    private RawArticle[] articles;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticNews news = new SyntheticNews(1_000, 20250414L);
        articles = new RawArticle[64];
        for (int i = 0; i < articles.length; i++) articles[i] = news.article("jmh", i, Instant.EPOCH);
    }

    @Benchmark
    public List<String> fingerprint() {
        RawArticle a = articles[next++ & 63];
        return StoryFingerprint.of(a.title(), a.text()).bandKeys();
    }

    @Benchmark
    public List<String> plainDefinition() {
        RawArticle a = articles[next++ & 63];
        long[] sig = StoryFingerprint.minHash(StoryFingerprint.shingles(StoryFingerprint.words(a.title() + "\n" + a.text())));
        List<String> keys = new java.util.ArrayList<>(StoryFingerprint.BANDS);
        for (int b = 0; b < StoryFingerprint.BANDS; b++) {
            long h = b;
            for (int r = 0; r < StoryFingerprint.ROWS; r++) h = Hash64.combine(h, sig[b * StoryFingerprint.ROWS + r]);
            keys.add(String.format(java.util.Locale.ROOT, "%02d:%016x", b, h));
        }
        return keys;
    }
}
