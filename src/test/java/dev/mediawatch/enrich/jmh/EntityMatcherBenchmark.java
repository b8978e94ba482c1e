package dev.mediawatch.enrich.jmh;

import dev.mediawatch.enrich.EntityMatcher;
import dev.mediawatch.enrich.TextNormalizer;
import dev.mediawatch.model.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * EntityMatcher (one Aho-Corasick pass) against the obvious alternative, a case-insensitive
 * {@code \b}-bounded regex alternation of the same folded aliases run on the folded text, on a
 * ~5,000-char article, as the watchlist grows from 100 to 10,000 aliases. Both include folding.
 *
 * <p>Run: {@code mvn -o -q test-compile}, then this class's {@code main} with the test classpath.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class EntityMatcherBenchmark {

    private static final String[] SYLLABLES = {"ra", "mo", "ve", "li", "san", "to", "gar", "cia", "del",
        "na", "bu", "ke", "ro", "mi", "te", "va", "lo", "qui", "ne", "per"};
    private static final List<Entity> WATCHLIST = List.of(
            Entity.of("cecot", "CECOT", "facility", "Terrorism Confinement Center"),
            Entity.of("abrego-garcia", "Kilmar Abrego Garcia", "person", "Abrego Garcia"),
            Entity.of("alien-enemies-act", "Alien Enemies Act", "law"),
            Entity.of("bukele", "Nayib Bukele", "person", "Bukele"),
            Entity.of("tren-de-aragua", "Tren de Aragua", "organization"),
            Entity.of("ms-13", "MS-13", "organization"),
            Entity.of("rubio", "Marco Rubio", "person", "Rubio"));

    @Param({"100", "10000"})
    public int aliases;

    private String title;
    private String text;
    private EntityMatcher matcher;
    private Pattern alternation;

    @Setup
    public void setUp() {
        List<Entity> entities = entities(aliases);
        matcher = EntityMatcher.of(entities);
        alternation = alternationOf(entities);
        title = "Judge weighs Abrego Garcia return as CECOT transfers continue";
        text = article(5_000);
    }

    @Benchmark
    public Object ahoCorasick() {
        return matcher.match(title, text);
    }

    @Benchmark
    public int regexAlternation() {
        return countMatches(TextNormalizer.fold(title)) + countMatches(TextNormalizer.fold(text));
    }

    private int countMatches(String folded) {
        int n = 0;
        for (Matcher m = alternation.matcher(folded); m.find(); ) n++;
        return n;
    }

    /** The watchlist plus synthetic two-word names up to {@code total} aliases (name counts as one). */
    static List<Entity> entities(int total) {
        List<Entity> entities = new ArrayList<>(WATCHLIST);
        int count = WATCHLIST.stream().mapToInt(e -> 1 + e.aliases().size()).sum();
        Random random = new Random(42);
        for (int i = 0; count < total; i++, count++) {
            entities.add(Entity.of("synthetic-" + i, word(random) + " " + word(random), "person"));
        }
        return entities;
    }

    private static String word(Random random) {
        StringBuilder w = new StringBuilder();
        int syllables = 2 + random.nextInt(2);
        for (int s = 0; s < syllables; s++) w.append(SYLLABLES[random.nextInt(SYLLABLES.length)]);
        w.setCharAt(0, Character.toUpperCase(w.charAt(0)));
        return w.toString();
    }

    /** Longest alias first, so the alternation prefers the longest match at a position, as the matcher does. */
    static Pattern alternationOf(List<Entity> entities) {
        String body = entities.stream()
                .flatMap(e -> Stream.concat(Stream.of(e.name()), e.aliases().stream()))
                .map(TextNormalizer::fold)
                .distinct()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        return Pattern.compile("\\b(?:" + body + ")\\b", Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    /** A news-like article of about {@code length} chars mentioning the watchlist in print variants. */
    static String article(int length) {
        String[] sentences = {
            "The Trump administration deported more than 200 Venezuelan men to El Salvador in March.",
            "Officials invoked the Alien Enemies Act, a wartime law last used during World War II.",
            "Kilmar Ábrego García, a Maryland resident, was among those sent to CECOT by mistake.",
            "A federal judge ordered the government to facilitate Abrego-Garcia's return.",
            "President Nayib Bukele said he would not release him from the Terrorism Confinement Center.",
            "Secretary of State Marco Rubio praised the agreement as a model of cooperation.",
            "The administration says many of the men belong to Tren de Aragua or MS13.",
            "Lawyers for the families said there was no evidence of gang membership.",
            "Human rights groups have documented overcrowding and abuse inside the prison.",
            "The Supreme Court has allowed the deportations to continue while cases proceed.",
        };
        StringBuilder sb = new StringBuilder(length + 200);
        for (int i = 0; sb.length() < length; i++) {
            sb.append(sentences[i % sentences.length]).append(i % 4 == 3 ? "\n\n" : " ");
        }
        return sb.toString();
    }

    public static void main(String[] args) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(EntityMatcherBenchmark.class.getSimpleName())
                .forks(1)
                .warmupIterations(2)
                .measurementIterations(3)
                .build();
        new Runner(options).run();
    }
}
