package dev.mediawatch.enrich.jmh;

import dev.mediawatch.bench.SyntheticNews;
import dev.mediawatch.enrich.ArticleText;
import dev.mediawatch.enrich.Classifier;
import dev.mediawatch.enrich.EntityMatcher;
import dev.mediawatch.model.EntityMention;
import dev.mediawatch.model.RawArticle;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * The enrichment of the load benchmark's articles (about 700 words) against its watchlist (1,000
 * entities with aliases), as the stream's enrich step does it: entity matching, then classification
 * on the same folded text.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class EnrichBenchmark {
    private RawArticle[] articles;
    private EntityMatcher matcher;
    private Classifier classifier;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticNews news = new SyntheticNews(1_000, 20250414L);
        matcher = EntityMatcher.of(news.entities());
        classifier = Classifier.defaults();
        articles = new RawArticle[64];
        for (int i = 0; i < articles.length; i++) articles[i] = news.article("jmh", i, Instant.EPOCH);
    }

    @Benchmark
    public List<EntityMention> entities() {
        RawArticle a = articles[next++ & 63];
        return matcher.match(a.title(), a.text());
    }

    @Benchmark
    public Map<String, Double> entitiesAndCategories() {
        RawArticle a = articles[next++ & 63];
        ArticleText text = new ArticleText(a.title(), a.text());
        return classifier.scores(text, matcher.match(text));
    }
}
