package dev.mediawatch.enrich.jmh;

import dev.mediawatch.enrich.query.Document;
import dev.mediawatch.enrich.query.DocumentTokens;
import dev.mediawatch.enrich.query.Query;
import dev.mediawatch.enrich.query.QueryIndex;
import dev.mediawatch.enrich.query.QueryParseException;
import dev.mediawatch.enrich.query.QueryParser;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Matching one article against many stored queries: the presearch index against evaluating every
 * query. Both tokenise the document once per call, so the difference is the presearch alone. Queries
 * and documents are synthetic but shaped like a desk's: a vocabulary of 3,000 words drawn with a Zipf
 * skew (a few short words are in every article, most longer ones in few), entity and category fields, phrases, NEAR,
 * wildcards and exclusions.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueryMatchBenchmark {

    private static final int VOCABULARY = 3000;
    private static final int DOCUMENTS = 64;

    @Param({"100", "10000"})
    public int queries;

    /** How the index guesses key rarity: {@code length} (the default) or document frequencies of a sample. */
    @Param({"length", "frequency"})
    public String cost;

    private List<String> words;
    private double[] zipf;
    private Random random;
    private QueryIndex<Integer> index;
    private List<Query> all;
    private Document[] documents;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws QueryParseException {
        random = new Random(42);
        words = vocabulary();
        zipf = zipfCumulative(VOCABULARY);
        index = cost.equals("frequency") ? new QueryIndex<>(documentFrequencies()) : new QueryIndex<>();
        all = new ArrayList<>();
        for (int i = 0; i < queries; i++) {
            Query q = QueryParser.parse(query());
            index.add(i, q);
            all.add(q);
        }
        documents = new Document[DOCUMENTS];
        for (int i = 0; i < DOCUMENTS; i++) documents[i] = document();
    }

    @Benchmark
    public List<Integer> indexed() {
        return index.match(documents[next++ & (DOCUMENTS - 1)]);
    }

    @Benchmark
    public int everyQuery() {
        DocumentTokens tokens = DocumentTokens.of(documents[next++ & (DOCUMENTS - 1)]);
        int hits = 0;
        for (Query q : all) if (q.matches(tokens)) hits++;
        return hits;
    }

    /** The cost both share, tokenising the document: the floor under either way of matching. */
    @Benchmark
    public int tokenizeOnly() {
        return DocumentTokens.of(documents[next++ & (DOCUMENTS - 1)]).hashCode();
    }

    /** Share of 500 sample documents holding each index key; a prefix key sums the words it covers. */
    private ToDoubleFunction<String> documentFrequencies() {
        Map<String, Integer> df = new HashMap<>();
        int sample = 500;
        for (int i = 0; i < sample; i++) {
            Document d = document();
            Set<String> keys = new HashSet<>(Arrays.asList((d.title() + " " + d.text()).split("[ .]+")));
            d.entityIds().forEach(e -> keys.add("entity:" + e));
            d.categories().forEach(c -> keys.add("category:" + c));
            keys.forEach(k -> df.merge(k, 1, Integer::sum));
        }
        return key -> {
            if (!key.startsWith("*")) return (df.getOrDefault(key, 0) + 1.0) / (sample + 1);
            String prefix = key.substring(1);
            return words.stream().filter(w -> w.startsWith(prefix)).mapToInt(w -> df.getOrDefault(w, 0) + 1).sum()
                    / (sample + 1.0);
        };
    }

    /** How many queries the index evaluated for the last document: printed by {@link #main} beside the timings. */
    public int lastCandidates() {
        return index.lastCandidateCount();
    }

    /** Pronounceable pseudo-words, distinct, from a fixed seed. */
    private List<String> vocabulary() {
        String[] c = {"b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "br", "tr", "st"};
        String[] v = {"a", "e", "i", "o", "u", "ia", "io"};
        Set<String> out = new HashSet<>();
        List<String> ordered = new ArrayList<>();
        while (ordered.size() < VOCABULARY) {
            StringBuilder w = new StringBuilder();
            int syllables = 2 + random.nextInt(3);
            for (int s = 0; s < syllables; s++) w.append(c[random.nextInt(c.length)]).append(v[random.nextInt(v.length)]);
            if (out.add(w.toString())) ordered.add(w.toString());
        }
        // As in real text, the frequent words are the short ones; the default presearch cost relies on it.
        ordered.sort(Comparator.comparingInt(String::length));
        return ordered;
    }

    private static double[] zipfCumulative(int n) {
        double[] cum = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) cum[i] = sum += 1.0 / (i + 1);
        for (int i = 0; i < n; i++) cum[i] /= sum;
        return cum;
    }

    private String word() {
        int i = Arrays.binarySearch(zipf, random.nextDouble());
        return words.get(Math.min(VOCABULARY - 1, i >= 0 ? i : -i - 1));
    }

    /** A query word: subscriptions name specific things, so skip the commonest 50 words. */
    private String rareWord() {
        return words.get(50 + random.nextInt(VOCABULARY - 50));
    }

    private String query() {
        return switch (random.nextInt(6)) {
            case 0 -> String.format(Locale.ROOT, "\"%s %s\" AND (%s OR %s)", rareWord(), rareWord(), word(), word());
            case 1 -> String.format(Locale.ROOT, "entity:e%d AND (%s OR %s)", random.nextInt(200), rareWord(), rareWord());
            case 2 -> String.format(Locale.ROOT, "%s NEAR/3 %s", rareWord(), rareWord());
            case 3 -> String.format(Locale.ROOT, "category:c%d AND %s* -%s", random.nextInt(12), rareWord(), word());
            case 4 -> String.format(Locale.ROOT, "title:(%s OR %s) %s", rareWord(), rareWord(), word());
            default -> String.format(Locale.ROOT, "%s %s OR \"%s %s\"", rareWord(), rareWord(), rareWord(), rareWord());
        };
    }

    private Document document() {
        StringBuilder title = new StringBuilder(), text = new StringBuilder();
        for (int i = 0; i < 10; i++) title.append(word()).append(' ');
        for (int i = 0; i < 400; i++) text.append(word()).append(i % 17 == 16 ? ". " : " ");
        Set<String> entities = new HashSet<>();
        for (int i = 0; i < 3; i++) entities.add("e" + random.nextInt(200));
        return new Document(title.toString(), text.toString(), "Outlet " + random.nextInt(20), entities,
                Set.of("c" + random.nextInt(12)));
    }

    /** Runs the benchmark briefly: {@code java -cp <test classpath> dev.mediawatch.enrich.jmh.QueryMatchBenchmark}. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder()
                .include(QueryMatchBenchmark.class.getSimpleName())
                .warmupIterations(2).measurementIterations(3)
                .warmupTime(TimeValue.seconds(1))
                .measurementTime(TimeValue.seconds(1))
                .forks(1)
                .build()).run();
    }
}
