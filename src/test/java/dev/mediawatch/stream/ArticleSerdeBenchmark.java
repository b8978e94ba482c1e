package dev.mediawatch.stream;

import dev.mediawatch.bench.SyntheticNews;
import dev.mediawatch.enrich.ArticleText;
import dev.mediawatch.enrich.Classifier;
import dev.mediawatch.enrich.EntityMatcher;
import dev.mediawatch.kafka.Topics;
import dev.mediawatch.model.Article;
import dev.mediawatch.model.EntityMention;
import dev.mediawatch.model.RawArticle;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
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
 * The enriched article written to and read from the stream's repartition topic: its JSON (as on
 * {@code mediawatch.articles}) against the binary form of {@link InternalArticles}. Articles are the
 * load benchmark's, enriched against its 1,000-entity watchlist.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ArticleSerdeBenchmark {
    private final Serializer<Article> json = Topics.ARTICLES.valueSerde().serializer();
    private final Deserializer<Article> jsonReader = Topics.ARTICLES.valueSerde().deserializer();
    private Article[] articles;
    private byte[][] jsonBytes;
    private byte[][] compactBytes;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        SyntheticNews news = new SyntheticNews(1_000, 20250414L);
        EntityMatcher matcher = EntityMatcher.of(news.entities());
        Classifier classifier = Classifier.defaults();
        articles = new Article[64];
        jsonBytes = new byte[64][];
        compactBytes = new byte[64][];
        for (int i = 0; i < articles.length; i++) {
            RawArticle raw = news.article("jmh", i, Instant.EPOCH);
            ArticleText text = new ArticleText(raw.title(), raw.text());
            List<EntityMention> entities = matcher.match(text);
            Map<String, Double> scores = classifier.scores(text, entities);
            articles[i] = Article.of(raw, entities, new ArrayList<>(scores.keySet()), scores, "en", raw.articleId());
            jsonBytes[i] = json.serialize("t", articles[i]);
            compactBytes[i] = InternalArticles.SERDE.toBytes(articles[i]);
        }
    }

    @Benchmark
    public byte[] jsonWrite() {
        return json.serialize("t", articles[next++ & 63]);
    }

    @Benchmark
    public Article jsonRead() {
        return jsonReader.deserialize("t", jsonBytes[next++ & 63]);
    }

    @Benchmark
    public byte[] compactWrite() {
        return InternalArticles.SERDE.toBytes(articles[next++ & 63]);
    }

    @Benchmark
    public Article compactRead() {
        return InternalArticles.SERDE.fromBytes(compactBytes[next++ & 63]);
    }
}
